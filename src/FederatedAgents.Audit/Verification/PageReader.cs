using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Reads a snapshot page by page — the records of a leaf range, the subtree hashes they completed and, when
/// asked, the checkpoints stored for the tree sizes the page reaches — keeping one page in flight on the
/// thread pool so that reading overlaps hashing. Memory: two pages.
/// </summary>
internal sealed class PageReader(IAuditLogSnapshot snapshot, int pageSize, bool readCheckpoints, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private Task<Page>? _ahead;
    private long _next;

    public async Task<Page?> NextAsync()
    {
        var size = snapshot.Head.Size;
        if (_next >= size)
        {
            return null;
        }

        var page = await (_ahead ?? ReadAsync(_next, Math.Min(size, _next + pageSize)));
        _next = page.End;
        var aheadEnd = Math.Min(size, _next + pageSize);
        var aheadStart = _next;
        _ahead = aheadStart < size ? Task.Run(() => ReadAsync(aheadStart, aheadEnd), cancellationToken) : null;
        return page;
    }

    /// <summary>Waits for the page in flight (its outcome no longer matters), so the snapshot is free for other reads.</summary>
    public async Task QuiesceAsync()
    {
        if (_ahead is { } ahead)
        {
            _ahead = null;
            await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public ValueTask DisposeAsync() => new(QuiesceAsync());

    private async Task<Page> ReadAsync(long start, long end) => new(
        start,
        end,
        await snapshot.ReadRecordsAsync(start, end, cancellationToken).ToListAsync(cancellationToken),
        await snapshot.ReadNodesAsync(NodeKey.LeafPosition(start), NodeKey.LeafPosition(end), cancellationToken).ToListAsync(cancellationToken),
        readCheckpoints ? await snapshot.ReadCheckpointNotesAsync(start, end, cancellationToken).ToListAsync(cancellationToken) : []);
}

/// <summary>
/// Leaves [Start, End): the stored records (gaps and all), the stored hashes of the subtrees they completed,
/// and the stored checkpoints of sizes in (Start, End].
/// </summary>
internal sealed record Page(long Start, long End, List<AuditRecord> Records, List<StoredNode> Nodes, List<StoredCheckpointNote> Checkpoints);
