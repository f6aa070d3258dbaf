using System.Diagnostics;
using System.Threading.Channels;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// Group commit: appends queue up while a commit is running, and the next commit takes all of them
/// (up to the batch bound) in one transaction. Each append's task completes only once its records are
/// durable: at once for a backend whose commits flush, else after a flush that began after the commit
/// returned. Then one commit runs while the previous one is flushed, and the next waits for that flush
/// to end (gathering what arrives meanwhile), so the disk and the database work side by side without
/// the batches shrinking to a record or two. A failed commit fails every append in it; a failed flush fails every append waiting for
/// it and every later append (after a failed flush nothing is known about what reached the disk).
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue =
        Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<CommittedBatch> _unflushed =
        Channel.CreateUnbounded<CommittedBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly IAuditBackend _backend;
    private readonly int _maxBatchSize;
    private readonly Task _committing;
    private readonly Task _flushing;

    /// <summary>Commits not yet flushed: at most one being flushed and one more (only with separate flushes).</summary>
    private readonly SemaphoreSlim _unflushedCommits = new(2, 2);
    private Exception? _flushFailure;

    public GroupCommitter(IAuditBackend backend, int maxBatchSize)
    {
        _backend = backend;
        _maxBatchSize = maxBatchSize;
        _committing = Task.Run(CommitLoopAsync);
        _flushing = backend.FlushesSeparately ? Task.Run(FlushLoopAsync) : Task.CompletedTask;
    }

    /// <summary>Queues records that must land at consecutive indexes; completes when they are durable.</summary>
    public Task<IReadOnlyList<AuditAppendResult>> AppendAsync(byte[][] leaves, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _flushFailure) is { } failure)
        {
            throw new IOException("The audit log could not be flushed to disk earlier; it accepts no appends until it is reopened. See the inner exception.", failure);
        }

        var pending = new PendingAppend(leaves);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IAuditLogStore), "The audit log store is disposed; appends are no longer accepted.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting appends, commits and flushes what is queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _committing;
        _unflushed.Writer.TryComplete();
        await _flushing;
        _unflushedCommits.Dispose();
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingAppend>();
        PendingAppend? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            if (_backend.FlushesSeparately)
            {
                await _unflushedCommits.WaitAsync();
            }

            batch = [];
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
            var committed = new CommittedBatch(batch, await _backend.CommitAsync(leaves, CancellationToken.None));
            AuditStoreMetrics.Records.Record(leaves.Count);
            AuditStoreMetrics.Commit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!_backend.FlushesSeparately)
            {
                committed.Complete();
            }
            else if (Volatile.Read(ref _flushFailure) is { } failure)
            {
                ReleaseUnflushed(1);
                committed.Fail(failure);
            }
            else
            {
                _unflushed.Writer.TryWrite(committed);
            }
        }
        catch (Exception e)
        {
            ReleaseUnflushed(1);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private void ReleaseUnflushed(int commits)
    {
        if (_backend.FlushesSeparately)
        {
            _unflushedCommits.Release(commits);
        }
    }

    private async Task FlushLoopAsync()
    {
        var waiting = new List<CommittedBatch>();
        while (await _unflushed.Reader.WaitToReadAsync())
        {
            waiting.Clear();
            while (_unflushed.Reader.TryRead(out var committed))
            {
                waiting.Add(committed);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await _backend.FlushAsync(CancellationToken.None);
                AuditStoreMetrics.Flush.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                waiting.ForEach(committed => committed.Complete());
            }
            catch (Exception e)
            {
                Volatile.Write(ref _flushFailure, e);
                waiting.ForEach(committed => committed.Fail(e));
            }
            finally
            {
                ReleaseUnflushed(waiting.Count);
            }
        }
    }

    private sealed record PendingAppend(byte[][] Leaves)
    {
        public long Queued { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<IReadOnlyList<AuditAppendResult>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Appends committed together, waiting to be reported durable.</summary>
    private sealed record CommittedBatch(List<PendingAppend> Appends, Merkle.TreeHead Head)
    {
        public void Complete()
        {
            var index = Head.Size - Appends.Sum(p => p.Leaves.Length);
            foreach (var pending in Appends)
            {
                AuditStoreMetrics.Append.Record(Stopwatch.GetElapsedTime(pending.Queued).TotalMilliseconds);
                pending.Completion.TrySetResult([.. pending.Leaves.Select((_, i) => new AuditAppendResult(index + i, Head))]);
                index += pending.Leaves.Length;
            }
        }

        public void Fail(Exception failure) => Appends.ForEach(pending => pending.Completion.TrySetException(failure));
    }
}
