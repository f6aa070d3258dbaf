namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Collects distinct removed-field paths (<c>report.accounts[].account_number</c>): the segments of the
/// rules leading to the removed field, joined with dots. Paths name fields, never values.
/// </summary>
internal static class RemovedFieldPaths
{
    private const int StackLimit = 256;

    public static void Add(ref List<string>? removed, ReadOnlySpan<FieldRule> ancestors, FieldRule leaf)
    {
        var length = Length(ancestors, leaf);
        var path = length <= StackLimit ? stackalloc char[length] : new char[length];
        Write(path, ancestors, leaf);
        if (removed is not null)
        {
            foreach (var existing in removed)
            {
                if (path.SequenceEqual(existing))
                {
                    return;
                }
            }
        }

        (removed ??= []).Add(new string(path));
    }

    /// <summary>Adds the paths of <paramref name="more"/> that <paramref name="removed"/> does not hold yet.</summary>
    public static void Merge(List<string> removed, IReadOnlyList<string> more)
    {
        foreach (var path in more)
        {
            if (!removed.Contains(path))
            {
                removed.Add(path);
            }
        }
    }

    private static int Length(ReadOnlySpan<FieldRule> ancestors, FieldRule leaf)
    {
        var length = -1;
        for (var i = 0; i <= ancestors.Length; i++)
        {
            var segment = i < ancestors.Length ? ancestors[i].Segment : leaf.Segment;
            length += segment.Length == 0 ? 0 : segment.Length + 1;
        }

        return Math.Max(length, 0);
    }

    private static void Write(Span<char> path, ReadOnlySpan<FieldRule> ancestors, FieldRule leaf)
    {
        var written = 0;
        for (var i = 0; i <= ancestors.Length; i++)
        {
            var segment = i < ancestors.Length ? ancestors[i].Segment : leaf.Segment;
            if (segment.Length == 0)
            {
                continue;
            }

            if (written > 0)
            {
                path[written++] = '.';
            }

            segment.CopyTo(path[written..]);
            written += segment.Length;
        }
    }
}
