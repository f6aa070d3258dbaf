namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// Collects every configuration error of one load, each naming the full key (e.g.
/// <c>Authority:Clients:2:Scopes</c>), what is wrong and how to fix it, so all are reported at once.
/// </summary>
internal sealed class ConfigurationProblems
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All => _problems;

    public bool Any => _problems.Count > 0;

    /// <summary>Records "<paramref name="key"/> <paramref name="problem"/>", e.g. ("Authority:Issuer", "is missing; set it to …").</summary>
    public void Add(string key, string problem) => _problems.Add($"{key} {problem}");

    /// <summary>Runs <paramref name="load"/>, recording a file or format error against <paramref name="key"/>; null on error.</summary>
    public T? Catch<T>(string key, Func<T> load)
        where T : class
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException
            or System.Security.Cryptography.CryptographicException)
        {
            Add(key, $"cannot be used: {e.Message}");
            return null;
        }
    }
}

/// <summary>Thrown when the configuration cannot start the authority; the message lists every problem, one per line.</summary>
public sealed class AuthorityConfigurationException : Exception
{
    public AuthorityConfigurationException(IReadOnlyList<string> problems)
        : base("The configuration cannot start the authority:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
