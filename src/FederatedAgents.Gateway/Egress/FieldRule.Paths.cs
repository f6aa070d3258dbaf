namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// The removed-field path of this rule's field below a chain of ancestor rules: their non-empty
/// segments joined with dots. A path is a function of the rule chain, so the first few chains met are
/// remembered with their path and later removals at the same place (the next element of a repeated
/// field, the next message) reuse the same string, found by comparing references. Recursive types can
/// reach a field through unboundedly many chains; past the limit paths are built each time.
/// </summary>
internal sealed partial class FieldRule
{
    private const int RememberedChains = 8;

    private KnownPath[] _knownPaths = [];

    public string PathBelow(ReadOnlySpan<FieldRule> ancestors)
    {
        var known = Volatile.Read(ref _knownPaths);
        foreach (var entry in known)
        {
            if (ancestors.SequenceEqual(entry.Ancestors))
            {
                return entry.Path;
            }
        }

        var path = string.Join('.', ancestors.ToArray().Append(this).Select(rule => rule.Segment).Where(segment => segment.Length > 0));
        if (known.Length < RememberedChains)
        {
            // Losing a race only means the other thread's entry is not remembered: the path is the same.
            Interlocked.CompareExchange(ref _knownPaths, [.. known, new KnownPath(ancestors.ToArray(), path)], known);
        }

        return path;
    }

    private sealed record KnownPath(FieldRule[] Ancestors, string Path);
}
