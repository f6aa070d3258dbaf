using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Reads a snapshot page by page — the records of a leaf range, the subtree hashes they completed and, when
/// asked, the checkpoints stored for the tree sizes the page reaches — keeping one page in flight on the
/// thread pool so that reading and leaf hashing overlap folding the tree. Memory: two pages.
/// </summary>
internal sealed class PageReader(IAuditLogSnapshot snapshot, int pageSize, bool readCheckpoints, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    /// <summary>Below this many leaves per slice, a parallel slice costs more to schedule than it saves.</summary>
    private const int MinLeavesPerSlice = 512;

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

    private async Task<Page> ReadAsync(long start, long end)
    {
        var records = await snapshot.ReadRecordsAsync(start, end, cancellationToken).ToListAsync(cancellationToken);
        var leafHashes = Task.Run(() => HashLeaves(records), cancellationToken);
        var nodes = await snapshot.ReadNodesAsync(NodeKey.LeafPosition(start), NodeKey.LeafPosition(end), cancellationToken).ToListAsync(cancellationToken);
        var checkpoints = readCheckpoints ? await snapshot.ReadCheckpointNotesAsync(start, end, cancellationToken).ToListAsync(cancellationToken) : [];
        return new Page(start, end, records, await leafHashes, nodes, checkpoints);
    }

    /// <summary>
    /// The leaf hash of every record, 32 bytes each in record order. Leaves are independent, so they are hashed
    /// off the thread that folds the tree, while the page's subtree hashes are read, in parallel slices (each
    /// thread reuses its own SHA-256 context).
    /// </summary>
    private static byte[] HashLeaves(List<AuditRecord> records)
    {
        var hashes = new byte[records.Count * Sha256Hash.Length];
        var slices = Math.Clamp(records.Count / MinLeavesPerSlice, 1, Environment.ProcessorCount);
        Parallel.For(0, slices, slice =>
        {
            var (first, last) = ((int)((long)records.Count * slice / slices), (int)((long)records.Count * (slice + 1) / slices));
            for (var i = first; i < last; i++)
            {
                MerkleHasher.HashLeaf(records[i].LeafData, hashes.AsSpan(i * Sha256Hash.Length, Sha256Hash.Length));
            }
        });
        return hashes;
    }
}

/// <summary>
/// Leaves [Start, End): the stored records (gaps and all) with their leaf hashes (32 bytes each, in record order),
/// the stored hashes of the subtrees they completed, and the stored checkpoints of sizes in (Start, End].
/// </summary>
internal sealed record Page(
    long Start, long End, List<AuditRecord> Records, byte[] LeafHashes, List<StoredNode> Nodes, List<StoredCheckpointNote> Checkpoints)
{
    public ReadOnlySpan<byte> LeafHash(int record) => LeafHashes.AsSpan(record * Sha256Hash.Length, Sha256Hash.Length);
}
