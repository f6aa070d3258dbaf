using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// One organization's append-only audit log: typed events in, leaf indexes out once the records
/// are durable (see DURABILITY.md), RFC 9162 proofs from stored subtree hashes, streaming reads
/// and queries. Open one with <see cref="AuditLogStores"/>. Thread-safe; concurrent appends are
/// group-committed. Several instances (processes, replicas) may share one database.
/// </summary>
public interface IAuditLogStore : IAsyncDisposable
{
    /// <summary>
    /// Appends one record. Completes only after the transaction holding it is committed and flushed;
    /// if it throws or is cancelled, report the audited action as failed (the record may or may not exist).
    /// </summary>
    Task<AuditAppendResult> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Appends records atomically at consecutive indexes, in order, with the same guarantee.</summary>
    Task<IReadOnlyList<AuditAppendResult>> AppendBatchAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default);

    /// <summary>The current tree size and root, as committed.</summary>
    Task<TreeHead> GetTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Inclusion proof of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves (any size up to the current one).</summary>
    Task<InclusionProof> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default);

    /// <summary>Consistency proof between two tree sizes, both at most the current size.</summary>
    Task<ConsistencyProof> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default);

    /// <summary>Records with indexes in [start, end), in index order, streamed.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(long start, long end, CancellationToken cancellationToken = default);

    /// <summary>Records matching every given filter, in index order, at most <see cref="AuditQuery.Limit"/>.</summary>
    IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>This log's signed checkpoints and their cosignatures, and the partner checkpoints this organization witnessed.</summary>
    IAuditCheckpointStore Checkpoints { get; }

    /// <summary>Partners' audit receipts, stored beside this log's records of the same calls.</summary>
    IAuditReceiptStore Receipts { get; }

    /// <summary>A read-only, point-in-time view of records, subtree hashes, head and checkpoints, for verification.</summary>
    Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default);
}
