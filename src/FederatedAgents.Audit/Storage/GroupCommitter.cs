using System.Diagnostics;
using System.Threading.Channels;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// Group commit: appends queue up while a commit is running, and the next commit takes all of them
/// (up to the batch bound) in one transaction and one flush. Each append's task completes only after
/// the commit holding its records returned; a failed commit fails every append in it.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue =
        Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<byte[]>, CancellationToken, Task<TreeHead>> _commit;
    private readonly int _maxBatchSize;
    private readonly Task _loop;

    public GroupCommitter(Func<IReadOnlyList<byte[]>, CancellationToken, Task<TreeHead>> commit, int maxBatchSize)
    {
        _commit = commit;
        _maxBatchSize = maxBatchSize;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues records that must land at consecutive indexes; completes when they are durable.</summary>
    public Task<IReadOnlyList<AuditAppendResult>> AppendAsync(byte[][] leaves, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(leaves);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IAuditLogStore), "The audit log store is disposed; appends are no longer accepted.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting appends, commits what is queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        PendingAppend? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            if (carried is not null)
            {
                batch.Add(carried);
                carried = null;
            }

            var count = batch.Sum(p => p.Leaves.Length);
            while (count < _maxBatchSize && _queue.Reader.TryRead(out var next))
            {
                if (count > 0 && count + next.Leaves.Length > _maxBatchSize)
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
                count += next.Leaves.Length;
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        var leaves = batch.SelectMany(p => p.Leaves).ToList();
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancellable: once a commit starts, its outcome is reported to every append in it.
            var head = await _commit(leaves, CancellationToken.None);
            AuditStoreMetrics.Records.Record(leaves.Count);
            AuditStoreMetrics.Commit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var index = head.Size - leaves.Count;
            foreach (var pending in batch)
            {
                AuditStoreMetrics.Append.Record(Stopwatch.GetElapsedTime(pending.Queued).TotalMilliseconds);
                pending.Completion.TrySetResult([.. pending.Leaves.Select((_, i) => new AuditAppendResult(index + i, head))]);
                index += pending.Leaves.Length;
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private sealed record PendingAppend(byte[][] Leaves)
    {
        public long Queued { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<IReadOnlyList<AuditAppendResult>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
