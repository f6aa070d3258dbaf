using System.Threading.Channels;

namespace FederatedAgents.Authority.Storage;

/// <summary>
/// Group commit for exchange lineage: lineage that arrives while a batch is being committed queues up, and the
/// next batch takes all of it (up to a bound): one transaction and one look at the parents instead of one of each
/// per exchange. A caller's task completes only after the batch holding its lineage committed and its parents
/// were checked; a failed batch fails every caller in it.
/// </summary>
internal sealed class LineageCommitter : IAsyncDisposable
{
    private const int MaxBatchSize = 256;

    private readonly Channel<PendingLineage> _queue =
        Channel.CreateUnbounded<PendingLineage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<Lineage>, CancellationToken, Task<bool[]>> _commit;
    private readonly Task _loop;

    /// <param name="commit">Commits a batch, then reports for each lineage whether a parent was revoked (and so the child too).</param>
    public LineageCommitter(Func<IReadOnlyList<Lineage>, CancellationToken, Task<bool[]>> commit)
    {
        _commit = commit;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when a parent is revoked (the child then is too); completes once the lineage is committed.</summary>
    public Task<bool> RecordAsync(Lineage lineage, CancellationToken cancellationToken)
    {
        var pending = new PendingLineage(lineage);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqlAuthorityStore), "The authority store is disposed; lineage is no longer recorded.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting lineage, commits what is queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingLineage>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                // Not cancellable: once a batch starts, its outcome is reported to every caller in it.
                var revoked = await _commit([.. batch.Select(p => p.Lineage)], CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(revoked[i]);
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
    }

    private sealed record PendingLineage(Lineage Lineage)
    {
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One exchange's lineage: the token issued, when it expires, and the tokens it was exchanged from.</summary>
internal sealed record Lineage(string Child, DateTimeOffset ExpiresAt, IReadOnlyList<string> Parents);
