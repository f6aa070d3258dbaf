using System.Collections.Frozen;
using FederatedAgents.Grpc.Classification;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Decides which data classes a caller may see from its token's scopes: <c>disclose:internal</c>,
/// <c>disclose:pii</c> and <c>disclose:restricted</c> each grant exactly their class (lowercase name of the
/// <see cref="DataClassification"/> value). Classes do not imply one another, scopes are compared
/// case-sensitively (RFC 6749 §3.3), and other scopes are ignored. Public data needs no scope.
/// </summary>
internal static class Disclosure
{
    public const string ScopePrefix = "disclose:";

    private static readonly FrozenDictionary<string, ClassificationSet> s_classByScope = Enum.GetValues<DataClassification>()
        .Where(classification => classification != DataClassification.Public)
        .ToFrozenDictionary(
            classification => ScopePrefix + classification.ToString().ToLowerInvariant(),
            ClassificationSet.Of,
            StringComparer.Ordinal);

    public static ClassificationSet VisibleTo(IEnumerable<string> scopes)
    {
        var visible = ClassificationSet.None;
        foreach (var scope in scopes)
        {
            if (s_classByScope.TryGetValue(scope, out var granted))
            {
                visible = visible.Union(granted);
            }
        }

        return visible;
    }
}
