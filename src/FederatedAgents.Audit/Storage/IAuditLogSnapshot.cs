using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// A consistent, read-only view of a log's raw storage as it is, tampering included: what the
/// verifier reads. Reads run one at a time; enumerate each to the end before starting the next.
/// </summary>
public interface IAuditLogSnapshot : IAsyncDisposable
{
    /// <summary>The head row as stored when the snapshot was taken.</summary>
    TreeHead Head { get; }

    /// <summary>
    /// Replaces <paramref name="rows"/> with the stored records whose index is in [start, end), in index order, gaps
    /// and all: key = index, value = the record's bytes as stored.
    /// </summary>
    Task ReadRecordsAsync(long start, long end, StoredRows rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="rows"/> with the stored subtree hashes whose <see cref="NodeKey.Position"/> is in
    /// [start, end), in position order: key = position, value = the hash as stored (a damaged row may hold any number of bytes).
    /// </summary>
    Task ReadNodesAsync(long startPosition, long endPosition, StoredRows rows, CancellationToken cancellationToken = default);

    /// <summary>The lowest stored record index outside [0, treeSize), or null when there is none.</summary>
    Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default);

    /// <summary>Stored checkpoint notes of sizes in (afterSize, throughSize], ascending, raw: a damaged note is returned as stored.</summary>
    IAsyncEnumerable<StoredCheckpointNote> ReadCheckpointNotesAsync(long afterSize, long throughSize, CancellationToken cancellationToken = default);
}

/// <summary>A stored subtree hash, raw: a damaged row may hold any number of bytes.</summary>
public sealed record StoredNode(long Position, byte[] Hash);

/// <summary>A stored checkpoint row, raw: the size it is stored under and the note text as stored.</summary>
public sealed record StoredCheckpointNote(long Size, string Note);
