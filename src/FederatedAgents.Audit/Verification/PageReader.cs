using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Reads a snapshot page by page — the records of a leaf range, the subtree hashes they completed (or their digest) and,
/// when asked, the checkpoints stored for the tree sizes the page reaches — on the thread pool, ahead of the caller:
/// while the caller folds one page into the tree, the next page's leaves are hashed and the ones after it are read, so
/// the store never waits for the hashing. Where the store offers a parallel view of the snapshot, pages are read
/// through the two views in turn, so one view's server works while the other's page is sent; each view reads one
/// page at a time. Memory: a page's buffers per view, plus two, reused.
/// </summary>
internal sealed class PageReader : IAsyncDisposable
{
    private readonly IAuditLogSnapshot[] _views;
    private readonly Task[] _lastReads;
    private readonly int _pageSize;
    private readonly bool _readCheckpoints;
    private readonly CancellationToken _cancellationToken;

    /// <summary>The caller's page and those in flight take turns in these.</summary>
    private readonly Page[] _buffers;
    private readonly Queue<Task<Page>> _inFlight = new();
    private long _next;
    private long _nextRead;
    private int _reads;

    private PageReader(IAuditLogSnapshot[] views, int pageSize, bool readCheckpoints, CancellationToken cancellationToken)
    {
        (_views, _pageSize, _readCheckpoints, _cancellationToken) = (views, pageSize, readCheckpoints, cancellationToken);
        _lastReads = [.. views.Select(_ => Task.CompletedTask)];
        _buffers = [.. Enumerable.Range(0, views.Length + 2).Select(_ => new Page())];
    }

    private IAuditLogSnapshot Snapshot => _views[0];

    /// <summary>Asks for a parallel view only when there is more than one page to read.</summary>
    public static async Task<PageReader> OpenAsync(IAuditLogSnapshot snapshot, int pageSize, bool readCheckpoints, CancellationToken cancellationToken) =>
        new(
            snapshot.Head.Size > pageSize && await snapshot.OpenParallelViewAsync(cancellationToken) is { } view ? [snapshot, view] : [snapshot],
            pageSize, readCheckpoints, cancellationToken);

    public async Task<Page?> NextAsync()
    {
        if (_next >= Snapshot.Head.Size)
        {
            return null;
        }

        // The caller is done with its page, so every buffer not in flight is free.
        while (_inFlight.Count < _buffers.Length && _nextRead < Snapshot.Head.Size)
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

    public async ValueTask DisposeAsync()
    {
        await QuiesceAsync();
        foreach (var view in _views.Skip(1))
        {
            await view.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> (of the snapshot itself) on the thread pool once the snapshot's reads started before
    /// it are over (snapshot reads run one at a time), leaving the pages in flight as they are.
    /// </summary>
    public Task InTurnAsync(Func<Task> read) => InTurnAsync(0, read);

    private Task InTurnAsync(int view, Func<Task> read)
    {
        var previous = _lastReads[view];
        return _lastReads[view] = Task.Run(
            async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await read();
            },
            _cancellationToken);
    }

    private void Start()
    {
        var (view, page) = (_reads % _views.Length, _buffers[_reads % _buffers.Length]);
        var (start, end) = (_nextRead, Math.Min(Snapshot.Head.Size, _nextRead + _pageSize));
        (_nextRead, _reads) = (end, _reads + 1);
        _inFlight.Enqueue(HashAsync(InTurnAsync(view, () => ReadAsync(_views[view], page, start, end)), page));
    }

    private async Task ReadAsync(IAuditLogSnapshot snapshot, Page page, long start, long end)
    {
        var cancellationToken = _cancellationToken;
        (page.Start, page.End) = (start, end);
        await snapshot.ReadRecordsAsync(start, end, page.Records, cancellationToken);
        var (startPosition, endPosition) = (NodeKey.LeafPosition(start), NodeKey.LeafPosition(end));
        page.Nodes.Clear();
        page.NodesDigest = await snapshot.DigestNodesAsync(startPosition, endPosition, cancellationToken);
        if (page.NodesDigest is null)
        {
            await snapshot.ReadNodesAsync(startPosition, endPosition, page.Nodes, cancellationToken);
        }

        page.Checkpoints = _readCheckpoints ? await snapshot.ReadCheckpointNotesAsync(start, end, cancellationToken).ToListAsync(cancellationToken) : [];
    }

    private async Task<Page> HashAsync(Task read, Page page)
    {
        await read;
        await Task.Run(page.HashLeaves, _cancellationToken);
        return page;
    }
}
