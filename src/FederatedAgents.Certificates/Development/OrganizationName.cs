using System.Text.RegularExpressions;

namespace FederatedAgents.Certificates.Development;

/// <summary>
/// Organization names become DNS names (<c>&lt;org&gt;.localhost</c>) and folder names, so they must be
/// lowercase DNS labels: 1–63 characters of a–z, 0–9 and '-', not starting or ending with '-'.
/// </summary>
public static partial class OrganizationName
{
    /// <summary>One message per invalid or repeated name; empty when all are usable.</summary>
    public static IReadOnlyList<string> FindProblems(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!DnsLabel().IsMatch(name))
            {
                problems.Add(
                    $"'{name}' is not a valid organization name: use a lowercase DNS label of 1-63 characters " +
                    "(a-z, 0-9 and '-', not starting or ending with '-'), for example 'bank'.");
            }
            else if (!seen.Add(name))
            {
                problems.Add($"The organization '{name}' is given more than once.");
            }
        }

        return problems;
    }

    internal static IReadOnlyList<string> RequireValid(IEnumerable<string> names)
    {
        var list = names.ToList();
        var problems = FindProblems(list);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(names));
        }

        return list;
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
