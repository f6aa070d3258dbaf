using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The tree side of a commit, shared by the stores: keeps the right edge of the tree between commits,
/// reloads it (≤ 64 lookups) when another writer moved the head, checks it against the stored root, and
/// computes the subtree hashes and new head for a batch of leaves.
/// </summary>
internal sealed class TreeAppender
{
    private MerkleFrontier? _committed;

    public async Task<AppendPlan> PlanAsync(
        TreeHead storedHead,
        Func<IReadOnlyCollection<long>, Task<IReadOnlyDictionary<long, Sha256Hash>>> loadNodes,
        IReadOnlyList<byte[]> leafData)
    {
        var frontier = _committed is { } cached && cached.Size == storedHead.Size
            ? cached.Copy()
            : await LoadAsync(storedHead.Size, loadNodes);
        if (frontier.Root() != storedHead.Root)
        {
            throw new AuditLogDamagedException(
                $"The stored tree head (size {storedHead.Size}, root {storedHead.Root}) does not match the stored subtree hashes; "
                + "refusing to append to a damaged log. Run the audit verifier to find the first bad record.");
        }

        var plan = new AppendPlan(storedHead.Size, frontier);
        foreach (var data in leafData)
        {
            plan.Add(data);
        }

        return plan;
    }

    /// <summary>Call once the plan's transaction committed; later batches continue from its edge.</summary>
    public void Committed(AppendPlan plan) => _committed = plan.Frontier;

    /// <summary>Call when a commit failed or its outcome is unknown; the next batch reloads the edge.</summary>
    public void Forget() => _committed = null;

    private static async Task<MerkleFrontier> LoadAsync(
        long size, Func<IReadOnlyCollection<long>, Task<IReadOnlyDictionary<long, Sha256Hash>>> loadNodes)
    {
        var keys = NodeKey.Frontier(size);
        var nodes = await loadNodes(keys.Select(k => k.Position).ToList());
        if (keys.Where(k => !nodes.ContainsKey(k.Position)).Select(k => (NodeKey?)k).FirstOrDefault() is { } missing)
        {
            throw new AuditLogDamagedException(
                $"The stored hash of subtree {missing} (position {missing.Position}) is missing; refusing to append to a damaged log.");
        }

        return MerkleFrontier.Restore(size, keys.Select(k => nodes[k.Position]).ToList());
    }
}
