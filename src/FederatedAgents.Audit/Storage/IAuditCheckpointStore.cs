using FederatedAgents.Audit.Checkpoints;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The signed checkpoints of this organization's own log, one per tree size, with the cosignatures partners
/// returned for them; and the latest checkpoints of partners' logs this organization has witnessed.
/// Reached through <see cref="IAuditLogStore.Checkpoints"/>.
/// </summary>
public interface IAuditCheckpointStore
{
    /// <summary>
    /// Stores a checkpoint of this log unless one of the same size is stored already (another replica's), and
    /// returns the one stored. Throws <see cref="AuditLogDamagedException"/> when the stored one has another
    /// root: two checkpoints of one size that disagree are a split view or tampering, never overwritten.
    /// </summary>
    Task<SignedCheckpoint> AddAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The largest stored checkpoint of this log, with its cosignatures; null when none was signed yet.</summary>
    Task<SignedCheckpoint?> GetLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>The checkpoint for exactly <paramref name="treeSize"/> records, with its cosignatures, or null.</summary>
    Task<SignedCheckpoint?> GetAsync(long treeSize, CancellationToken cancellationToken = default);

    /// <summary>Every stored checkpoint of this log with its cosignatures, in ascending size, streamed.</summary>
    IAsyncEnumerable<SignedCheckpoint> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a partner's cosignature of the checkpoint for <paramref name="treeSize"/> (idempotent per witness key).</summary>
    Task AddCosignatureAsync(long treeSize, NoteSignature cosignature, CancellationToken cancellationToken = default);

    /// <summary>Remembers a partner log's checkpoint this organization verified (and cosigned) — a witness's state.</summary>
    Task AddWitnessedAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The largest witnessed checkpoint of the log named <paramref name="origin"/>, or null.</summary>
    Task<SignedCheckpoint?> GetLatestWitnessedAsync(string origin, CancellationToken cancellationToken = default);
}
