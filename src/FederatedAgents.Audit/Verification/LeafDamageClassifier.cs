using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Names the damage once a record's bytes disagree with the leaf hash stored for its index, by two
/// streaming scans of the rest of the log (run only on failure): does the record belong further on
/// (its hash is a later stored leaf), and did the record that belongs here move further on?
/// </summary>
internal sealed class LeafDamageClassifier(IAuditLogSnapshot snapshot, int pageSize)
{
    public async Task<AuditDamageReport> ClassifyAsync(AuditRecord record, byte[] storedLeafHash, CancellationToken cancellationToken)
    {
        var index = record.Index;
        var belongsAt = await FindStoredLeafAsync(record.LeafHash.AsSpan().ToArray(), index + 1, cancellationToken);
        var movedTo = await FindRecordAsync(storedLeafHash, index + 1, cancellationToken);
        return (belongsAt, movedTo) switch
        {
            ({ } from, { } to) => new(
                index, AuditDamage.ReorderedRecords,
                $"Record {index} holds the record appended at index {from}; the record appended at {index} is now at {to}."),
            ({ } from, null) => new(
                index, AuditDamage.DeletedRecord,
                $"Record {index} was deleted: index {index} now holds the record appended at {from}, later records were renumbered."),
            (null, { } to) => new(
                index, AuditDamage.InsertedRecord,
                $"A record that was never appended was inserted at index {index}; the record appended there is now at {to}."),
            _ => new(index, AuditDamage.AlteredRecord, $"Record {index} was altered: its bytes no longer hash to its stored leaf hash."),
        };
    }

    private async Task<long?> FindStoredLeafAsync(byte[] leafHash, long fromIndex, CancellationToken cancellationToken)
    {
        var size = snapshot.Head.Size;
        for (var start = fromIndex; start < size; start += pageSize)
        {
            var end = Math.Min(size, start + pageSize);
            var leaf = start;
            await foreach (var node in snapshot.ReadNodesAsync(NodeKey.LeafPosition(start), NodeKey.LeafPosition(end), cancellationToken))
            {
                while (NodeKey.LeafPosition(leaf) < node.Position)
                {
                    leaf++;
                }

                if (NodeKey.LeafPosition(leaf) == node.Position && node.Hash.AsSpan().SequenceEqual(leafHash))
                {
                    return leaf;
                }
            }
        }

        return null;
    }

    private async Task<long?> FindRecordAsync(byte[] storedLeafHash, long fromIndex, CancellationToken cancellationToken)
    {
        var size = snapshot.Head.Size;
        for (var start = fromIndex; start < size; start += pageSize)
        {
            await foreach (var candidate in snapshot.ReadRecordsAsync(start, Math.Min(size, start + pageSize), cancellationToken))
            {
                if (candidate.LeafHash.AsSpan().SequenceEqual(storedLeafHash))
                {
                    return candidate.Index;
                }
            }
        }

        return null;
    }
}
