using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// What a database must provide under <see cref="AuditLogStore"/>. <see cref="CommitAsync"/> is
/// called by one group-commit loop per store instance; across instances the database serializes it.
/// </summary>
internal interface IAuditBackend : IAsyncDisposable
{
    /// <summary>
    /// In one durable transaction: lock the head, append the leaves at the next indexes with the
    /// subtree hashes they complete, move the head. Returns the head after the commit.
    /// </summary>
    Task<TreeHead> CommitAsync(IReadOnlyList<byte[]> leafData, CancellationToken cancellationToken);

    Task<TreeHead> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>The stored hashes at the given positions; absent positions are absent from the result.</summary>
    Task<IReadOnlyDictionary<long, Sha256Hash>> GetNodesAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken);

    IAsyncEnumerable<AuditRecord> ReadAsync(long start, long end, CancellationToken cancellationToken);

    IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);

    IAuditCheckpointStore Checkpoints { get; }

    IAuditReceiptStore Receipts { get; }
}
