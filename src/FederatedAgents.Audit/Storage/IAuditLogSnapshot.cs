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

    /// <summary>
    /// The <see cref="StoredNodesDigest"/> of the stored subtree hashes whose position is in [start, end), computed where
    /// they are stored so that they need not be sent; null from a store for which reading the rows costs no more.
    /// </summary>
    Task<StoredNodesDigest?> DigestNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default);

    /// <summary>The lowest stored record index outside [0, treeSize), or null when there is none.</summary>
    Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// A second view of exactly this snapshot whose reads may run at the same time as this one's (each view still
    /// reads one at a time), or null when the store has none. The caller disposes it. Call it when no read is running.
    /// </summary>
    Task<IAuditLogSnapshot?> OpenParallelViewAsync(CancellationToken cancellationToken = default) => Task.FromResult<IAuditLogSnapshot?>(null);

    /// <summary>Stored checkpoint notes of sizes in (afterSize, throughSize], ascending, raw: a damaged note is returned as stored.</summary>
    IAsyncEnumerable<StoredCheckpointNote> ReadCheckpointNotesAsync(long afterSize, long throughSize, CancellationToken cancellationToken = default);
}

/// <summary>A stored subtree hash, raw: a damaged row may hold any number of bytes.</summary>
public sealed record StoredNode(long Position, byte[] Hash);

/// <summary>
/// Stored subtree hashes in a position range, summarized: whether every hash is 32 bytes, and the SHA-256 of, row by row in
/// position order, the position (8 bytes, big-endian) followed by the hash. Equal to the digest of the expected
/// (position, hash) sequence only when every position in the range is stored once with exactly its expected hash.
/// </summary>
public sealed record StoredNodesDigest(bool AllHashesSized, Sha256Hash Digest);

/// <summary>A stored checkpoint row, raw: the size it is stored under and the note text as stored.</summary>
public sealed record StoredCheckpointNote(long Size, string Note);
