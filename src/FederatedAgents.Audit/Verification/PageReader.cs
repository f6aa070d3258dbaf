using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Reads a snapshot page by page — the records of a leaf range, the subtree hashes they completed (or their digest) and,
/// when asked, the checkpoints stored for the tree sizes the page reaches — on the thread pool, two pages ahead of the
/// caller: while the caller folds one page into the tree, the next page's leaves are hashed and the one after it is read,
/// so the store never waits for the hashing. Reads still reach the snapshot one at a time, in order. Memory: three
/// pages' buffers, reused.
/// </summary>
internal sealed class PageReader(IAuditLogSnapshot snapshot, int pageSize, bool readCheckpoints, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    /// <summary>The caller's page and the two in flight take turns in these.</summary>
    private readonly Page[] _buffers = [new(), new(), new()];
    private readonly Queue<Task<Page>> _inFlight = new();
    private Task _lastRead = Task.CompletedTask;
    private long _next;
    private long _nextRead;
    private int _reads;

    public async Task<Page?> NextAsync()
    {
        if (_next >= snapshot.Head.Size)
        {
            return null;
        }

        // The caller is done with its page, so every buffer not in flight is free.
        while (_inFlight.Count < _buffers.Length && _nextRead < snapshot.Head.Size)
        {
            Start();
        }

        var page = await _inFlight.Dequeue();
        _next = page.End;
        return page;
    }

    /// <summary>Waits for the pages in flight (their outcome no longer matters), so the snapshot is free for other reads.</summary>
    public async Task QuiesceAsync()
    {
        while (_inFlight.TryDequeue(out var page))
        {
            await ((Task)page).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _nextRead = _next;
    }

    public ValueTask DisposeAsync() => new(QuiesceAsync());

    /// <summary>
    /// Runs <paramref name="read"/> on the thread pool once the reads started before it are over (snapshot reads run
    /// one at a time), leaving the pages in flight as they are.
    /// </summary>
    public Task InTurnAsync(Func<Task> read)
    {
        var previous = _lastRead;
        return _lastRead = Task.Run(
            async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await read();
            },
            cancellationToken);
    }

    private void Start()
    {
        var (page, start, end) = (_buffers[_reads++ % _buffers.Length], _nextRead, Math.Min(snapshot.Head.Size, _nextRead + pageSize));
        _nextRead = end;
        _inFlight.Enqueue(HashAsync(InTurnAsync(() => ReadAsync(page, start, end)), page));
    }

    private async Task ReadAsync(Page page, long start, long end)
    {
        (page.Start, page.End) = (start, end);
        await snapshot.ReadRecordsAsync(start, end, page.Records, cancellationToken);
        var (startPosition, endPosition) = (NodeKey.LeafPosition(start), NodeKey.LeafPosition(end));
        page.Nodes.Clear();
        page.NodesDigest = await snapshot.DigestNodesAsync(startPosition, endPosition, cancellationToken);
        if (page.NodesDigest is null)
        {
            await snapshot.ReadNodesAsync(startPosition, endPosition, page.Nodes, cancellationToken);
        }

        page.Checkpoints = readCheckpoints ? await snapshot.ReadCheckpointNotesAsync(start, end, cancellationToken).ToListAsync(cancellationToken) : [];
    }

    private async Task<Page> HashAsync(Task read, Page page)
    {
        await read;
        await Task.Run(page.HashLeaves, cancellationToken);
        return page;
    }
}
