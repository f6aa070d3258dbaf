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
    private readonly StoredRows _rows = new();

    /// <summary>Record <paramref name="index"/> hashes to <paramref name="leafHash"/>, but <paramref name="storedLeafHash"/> is stored for it.</summary>
    public async Task<AuditDamageReport> ClassifyAsync(long index, byte[] leafHash, byte[] storedLeafHash, CancellationToken cancellationToken)
    {
        var belongsAt = await FindStoredLeafAsync(leafHash, index + 1, cancellationToken);
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
            await snapshot.ReadNodesAsync(NodeKey.LeafPosition(start), NodeKey.LeafPosition(end), _rows, cancellationToken);
            for (var (leaf, row) = (start, 0); row < _rows.Count; row++)
            {
                while (NodeKey.LeafPosition(leaf) < _rows.Key(row))
                {
                    leaf++;
                }

                if (NodeKey.LeafPosition(leaf) == _rows.Key(row) && _rows.Value(row).SequenceEqual(leafHash))
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
        var hash = new byte[Sha256Hash.Length];
        for (var start = fromIndex; start < size; start += pageSize)
        {
            await snapshot.ReadRecordsAsync(start, Math.Min(size, start + pageSize), _rows, cancellationToken);
            for (var row = 0; row < _rows.Count; row++)
            {
                MerkleHasher.HashLeaf(_rows.Value(row), hash);
                if (hash.AsSpan().SequenceEqual(storedLeafHash))
                {
                    return _rows.Key(row);
                }
            }
        }

        return null;
    }
}
