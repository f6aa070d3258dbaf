namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Distinct removed-field paths, in the order first removed. Paths name fields, never values. Most are
/// the same instances (<see cref="FieldRule.PathBelow"/>), which string equality checks first.
/// </summary>
internal static class RemovedFieldPaths
{
    public static void Add(ref List<string>? removed, string path)
    {
        removed ??= [];
        if (!removed.Contains(path))
        {
            removed.Add(path);
        }
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
}
