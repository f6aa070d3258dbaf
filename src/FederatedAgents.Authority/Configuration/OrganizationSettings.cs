namespace FederatedAgents.Authority.Configuration;

/// <summary>The organization's name and data directory, as checked at startup.</summary>
internal sealed record OrganizationSettings(string Name, string DataDirectory)
{
    /// <summary>Reads <c>Organization</c>; the data directory defaults to <c>.fa-work/&lt;name&gt;</c> beside the configuration.</summary>
    public static OrganizationSettings? Load(OrganizationOptions options, ConfigurationFiles files, ConfigurationProblems problems)
    {
        var name = options.Name?.Trim();
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add("Organization:Name", $"is {(string.IsNullOrEmpty(name) ? "missing" : $"'{name}'")}; set a short lowercase name such as \"bank\" (letters, digits, '-').");
            return null;
        }

        return new OrganizationSettings(name, files.Resolve(options.DataDirectory ?? Path.Combine(".fa-work", name)));
    }
}
