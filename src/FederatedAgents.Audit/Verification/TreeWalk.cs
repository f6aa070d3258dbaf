using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// The streaming recomputation: page by page, each record's leaf hash and every subtree it completes
/// are compared with the stored hashes at the same positions (both come back in append order), and
/// anchors are checked as the tree passes their sizes. State is one <see cref="MerkleFrontier"/>.
/// </summary>
internal sealed class TreeWalk(IAuditLogSnapshot snapshot, AnchorCursor anchors, int pageSize)
{
    private readonly MerkleFrontier _frontier = new();

    public long RecordsChecked => _frontier.Size;

    public Sha256Hash Root => _frontier.Root();

    /// <summary>Anchors for the empty tree are checked before the first page.</summary>
    public ValueTask<AuditDamageReport?> CheckEmptyTreeAsync() => anchors.CheckAtAsync(0, _frontier);

    /// <summary>Checks the next page; <paramref name="pages"/> is quiesced before a failure is classified, which reads the snapshot.</summary>
    public async Task<AuditDamageReport?> CheckPageAsync(Page page, PageReader pages, CancellationToken cancellationToken)
    {
        var (records, nodes) = (page.Records, page.Nodes);
        anchors.Enqueue(page.Checkpoints);
        int nextRecord = 0, nextNode = 0;
        for (var index = page.Start; index < page.End; index++)
        {
            if (nextRecord == records.Count || records.Key(nextRecord) != index)
            {
                return new AuditDamageReport(index, AuditDamage.DeletedRecord, $"Record {index} is missing: it was deleted.");
            }

            var record = nextRecord++;
            var position = NodeKey.LeafPosition(index);
            var completed = _frontier.Append(page.LeafHash(record));
            for (var level = 0; level < completed; level++)
            {
                var stored = nextNode < nodes.Count && nodes.Key(nextNode) == position + level ? nextNode++ : -1;
                if (stored < 0 || !_frontier.Completed(level).SequenceEqual(nodes.Value(stored)))
                {
                    if (level > 0 || stored < 0)
                    {
                        return SubtreeDamage(index, level, stored < 0);
                    }

                    var (leafHash, storedHash) = (page.LeafHash(record).ToArray(), nodes.Value(stored).ToArray());
                    await pages.QuiesceAsync();
                    return await new LeafDamageClassifier(snapshot, pageSize).ClassifyAsync(index, leafHash, storedHash, cancellationToken);
                }
            }

            if (await anchors.CheckAtAsync(_frontier.Size, _frontier) is { } damage)
            {
                return damage;
            }
        }

        return null;
    }

    private static AuditDamageReport SubtreeDamage(long lastLeaf, int level, bool missing)
    {
        var firstLeaf = lastLeaf - (1L << level) + 1;
        var what = level == 0 ? $"record {lastLeaf}" : $"the subtree over records [{firstLeaf}, {lastLeaf}]";
        return new AuditDamageReport(
            firstLeaf, AuditDamage.AlteredTree,
            missing
                ? $"The stored hash of {what} is missing."
                : $"The stored hash of {what} does not match those records, though each matches its stored leaf hash: the stored tree was altered.");
    }
}
