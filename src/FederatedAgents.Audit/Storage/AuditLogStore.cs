using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// <see cref="IAuditLogStore"/> over a database backend: serializes events on the caller's thread,
/// group-commits them, and builds proofs from one batched lookup of stored subtree hashes.
/// </summary>
internal sealed class AuditLogStore : IAuditLogStore
{
    private readonly IAuditBackend _backend;
    private readonly GroupCommitter _committer;

    public AuditLogStore(IAuditBackend backend, AuditStoreOptions options)
    {
        _backend = backend;
        _committer = new GroupCommitter(backend.CommitAsync, options.MaxBatchSize);
    }

    public async Task<AuditAppendResult> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        (await AppendBatchAsync([auditEvent], cancellationToken))[0];

    public Task<IReadOnlyList<AuditAppendResult>> AppendBatchAsync(
        IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        cancellationToken.ThrowIfCancellationRequested();
        return auditEvents.Count == 0
            ? Task.FromResult<IReadOnlyList<AuditAppendResult>>([])
            : _committer.AppendAsync([.. auditEvents.Select(AuditEventSerializer.Serialize)], cancellationToken);
    }

    public IAuditCheckpointStore Checkpoints => _backend.Checkpoints;

    public IAuditReceiptStore Receipts => _backend.Receipts;

    public Task<TreeHead> GetTreeHeadAsync(CancellationToken cancellationToken = default) => _backend.GetHeadAsync(cancellationToken);

    public async Task<InclusionProof> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default) =>
        new(leafIndex, treeSize, await ResolveAsync(ProofPlan.ForInclusion(leafIndex, treeSize), treeSize, cancellationToken));

    public async Task<ConsistencyProof> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        new(oldSize, newSize, await ResolveAsync(ProofPlan.ForConsistency(oldSize, newSize), newSize, cancellationToken));

    public IAsyncEnumerable<AuditRecord> ReadAsync(long start, long end, CancellationToken cancellationToken = default) =>
        _backend.ReadAsync(start, end, cancellationToken);

    public IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        _backend.QueryAsync(query, cancellationToken);

    public Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default) =>
        _backend.OpenSnapshotAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task<List<Sha256Hash>> ResolveAsync(ProofPlan plan, long treeSize, CancellationToken cancellationToken)
    {
        var positions = plan.Positions;
        var nodes = await _backend.GetNodesAsync(positions, cancellationToken);
        if (nodes.Count == positions.Count)
        {
            return plan.Resolve(nodes);
        }

        var head = await _backend.GetHeadAsync(cancellationToken);
        throw treeSize > head.Size
            ? new ArgumentOutOfRangeException(
                nameof(treeSize), $"The log has {head.Size} records; ask for a proof against a tree size of at most {head.Size}.")
            : new AuditLogDamagedException(
                $"Stored subtree hashes needed for a proof in the tree of {treeSize} records are missing. Run the audit verifier.");
    }
}
