using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// The streaming recomputation: page by page, each record's leaf hash and every subtree it completes are
/// recomputed and anchors are checked as the tree passes their sizes; then the page's stored subtree hashes
/// (both in append order) are compared with the recomputed ones, through the store's digest of them when it
/// offers one and row by row otherwise or when the digest differs. State is one <see cref="MerkleFrontier"/>.
/// </summary>
internal sealed class TreeWalk(IAuditLogSnapshot snapshot, AnchorCursor anchors, int pageSize)
{
    private readonly MerkleFrontier _frontier = new();
    private readonly RecomputedNodes _nodes = new();

    public long RecordsChecked => _frontier.Size;

    public Sha256Hash Root => _frontier.Root();

    /// <summary>Anchors for the empty tree are checked before the first page.</summary>
    public ValueTask<AuditDamageReport?> CheckEmptyTreeAsync() => anchors.CheckAtAsync(0, _frontier);

    /// <summary>
    /// Checks the next page and returns its lowest damage: the subtrees completed before a missing record or a
    /// failed anchor are checked too. Its rows are read in turn with <paramref name="pages"/>' reads.
    /// </summary>
    public async Task<AuditDamageReport?> CheckPageAsync(Page page, PageReader pages, CancellationToken cancellationToken)
    {
        anchors.Enqueue(page.Checkpoints);
        var damage = await WalkAsync(page);
        if (page.NodesDigest is { } digest)
        {
            if (damage is null && _nodes.Match(digest))
            {
                return null;
            }

            await pages.InTurnAsync(() => snapshot.ReadNodesAsync(_nodes.StartPosition, _nodes.EndPosition, page.Nodes, cancellationToken));
        }

        return await FindNodeDamageAsync(page, pages, cancellationToken) ?? damage;
    }

    /// <summary>Recomputes the page's leaves and subtrees until a record is missing or an anchor disagrees.</summary>
    private async Task<AuditDamageReport?> WalkAsync(Page page)
    {
        var records = page.Records;
        _nodes.Reset(NodeKey.LeafPosition(page.Start));
        for (var (index, record) = (page.Start, 0); index < page.End; index++, record++)
        {
            if (record == records.Count || records.Key(record) != index)
            {
                return new AuditDamageReport(index, AuditDamage.DeletedRecord, $"Record {index} is missing: it was deleted.");
            }

            var completed = _frontier.Append(page.LeafHash(record));
            for (var level = 0; level < completed; level++)
            {
                _nodes.Add(_frontier.Completed(level));
            }

            if (await anchors.CheckAtAsync(_frontier.Size, _frontier) is { } damage)
            {
                return damage;
            }
        }

        return null;
    }

    private async Task<AuditDamageReport?> FindNodeDamageAsync(Page page, PageReader pages, CancellationToken cancellationToken)
    {
        if (_nodes.FindMismatch(page.Nodes) is not { } mismatch)
        {
            return null;
        }

        var position = _nodes.StartPosition + mismatch.Node;
        var leaf = page.Start;
        while (NodeKey.LeafPosition(leaf + 1) <= position)
        {
            leaf++;
        }

        var level = (int)(position - NodeKey.LeafPosition(leaf));
        if (level > 0 || mismatch.Fault != NodeFault.Differs)
        {
            return SubtreeDamage(leaf, level, mismatch.Fault);
        }

        var (leafHash, storedHash) = (_nodes.Hash(mismatch.Node).ToArray(), page.Nodes.Value(mismatch.Row).ToArray());
        await pages.QuiesceAsync();
        return await new LeafDamageClassifier(snapshot, pageSize).ClassifyAsync(leaf, leafHash, storedHash, cancellationToken);
    }

    private static AuditDamageReport SubtreeDamage(long lastLeaf, int level, NodeFault fault)
    {
        var firstLeaf = lastLeaf - (1L << level) + 1;
        var what = level == 0 ? $"record {lastLeaf}" : $"the subtree over records [{firstLeaf}, {lastLeaf}]";
        return new AuditDamageReport(
            firstLeaf, AuditDamage.AlteredTree,
            fault switch
            {
                NodeFault.Missing => $"The stored hash of {what} is missing.",
                NodeFault.StoredTwice => $"The hash of {what} is stored twice: a row was added to the stored tree.",
                _ => $"The stored hash of {what} does not match those records, though each matches its stored leaf hash: the stored tree was altered.",
            });
    }
}
