using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Tests.Storage;

/// <summary>
/// A backend whose commits are durable only once flushed, and whose flushes wait for the test: each flush call
/// waits for <see cref="ReleaseFlush"/> (or fails with <see cref="FailFlush"/>). Commits only count leaves.
/// </summary>
internal sealed class FlushGatedBackend : IAuditBackend
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _size;

    public TaskCompletionSource FlushStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FlushesSeparately => true;

    public IAuditCheckpointStore Checkpoints => throw new NotSupportedException();

    public IAuditReceiptStore Receipts => throw new NotSupportedException();

    public Task<TreeHead> CommitAsync(IReadOnlyList<byte[]> leafData, CancellationToken cancellationToken) =>
        Task.FromResult(new TreeHead(Interlocked.Add(ref _size, leafData.Count), MerkleHasher.EmptyRoot));

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task flush;
        lock (_gate)
        {
            flush = _flush.Task;
            FlushStarted.TrySetResult();
        }

        await flush;
    }

    public void ReleaseFlush() => Next().TrySetResult();

    public void FailFlush(Exception failure) => Next().TrySetException(failure);

    public Task<TreeHead> GetHeadAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<long, Sha256Hash>> GetNodesAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<AuditRecord> ReadAsync(long start, long end, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The pending flush's completion; later flushes wait for a new one.</summary>
    private TaskCompletionSource Next()
    {
        lock (_gate)
        {
            var current = _flush;
            _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
            FlushStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return current;
        }
    }
}
