using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Reads a snapshot page by page — the records of a leaf range, the subtree hashes they completed (or their digest) and, when
/// asked, the checkpoints stored for the tree sizes the page reaches — keeping one page in flight on the
/// thread pool so that reading and leaf hashing overlap folding the tree. Memory: two pages' buffers, reused.
/// </summary>
internal sealed class PageReader(IAuditLogSnapshot snapshot, int pageSize, bool readCheckpoints, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private readonly Page[] _buffers = [new(), new()];
    private Task<Page>? _ahead;
    private long _next;
    private int _reads;

    public async Task<Page?> NextAsync()
    {
        var size = snapshot.Head.Size;
        if (_next >= size)
        {
            return null;
        }

        var page = await (_ahead ?? ReadAsync(NextBuffer(), _next, Math.Min(size, _next + pageSize)));
        _next = page.End;
        var aheadEnd = Math.Min(size, _next + pageSize);
        var aheadStart = _next;
        var buffer = NextBuffer();
        _ahead = aheadStart < size ? Task.Run(() => ReadAsync(buffer, aheadStart, aheadEnd), cancellationToken) : null;
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

    /// <summary>
    /// The two pages' buffers take turns: the page read ahead goes into the one the caller was given the time
    /// before, which it has finished with by the time it asks for the next page.
    /// </summary>
    private Page NextBuffer() => _buffers[_reads++ & 1];

    private async Task<Page> ReadAsync(Page page, long start, long end)
    {
        (page.Start, page.End) = (start, end);
        await snapshot.ReadRecordsAsync(start, end, page.Records, cancellationToken);
        var leafHashes = Task.Run(page.HashLeaves, cancellationToken);
        var (startPosition, endPosition) = (NodeKey.LeafPosition(start), NodeKey.LeafPosition(end));
        page.Nodes.Clear();
        page.NodesDigest = await snapshot.DigestNodesAsync(startPosition, endPosition, cancellationToken);
        if (page.NodesDigest is null)
        {
            await snapshot.ReadNodesAsync(startPosition, endPosition, page.Nodes, cancellationToken);
        }

        page.Checkpoints = readCheckpoints ? await snapshot.ReadCheckpointNotesAsync(start, end, cancellationToken).ToListAsync(cancellationToken) : [];
        await leafHashes;
        return page;
    }
}

/// <summary>
/// Leaves [Start, End): the stored records (gaps and all) with their leaf hashes (32 bytes each, in record order),
/// the stored hashes of the subtrees they completed (or, where the store offers it, only their digest), and the stored
/// checkpoints of sizes in (Start, End].
/// Reused from page to page.
/// </summary>
internal sealed class Page
{
    /// <summary>Below this many leaves per slice, a parallel slice costs more to schedule than it saves.</summary>
    private const int MinLeavesPerSlice = 512;

    private byte[] _leafHashes = [];

    public long Start { get; set; }

    public long End { get; set; }

    public StoredRows Records { get; } = new();

    public StoredRows Nodes { get; } = new();

    public StoredNodesDigest? NodesDigest { get; set; }

    public List<StoredCheckpointNote> Checkpoints { get; set; } = [];

    public ReadOnlySpan<byte> LeafHash(int record) => _leafHashes.AsSpan(record * Sha256Hash.Length, Sha256Hash.Length);

    /// <summary>
    /// Hashes every record into its leaf hash. Leaves are independent, so they are hashed off the thread that folds
    /// the tree, while the page's subtree hashes are read, in parallel slices (each thread reuses its own SHA-256 context).
    /// </summary>
    public void HashLeaves()
    {
        var count = Records.Count;
        if (_leafHashes.Length < count * Sha256Hash.Length)
        {
            _leafHashes = new byte[count * Sha256Hash.Length];
        }

        var slices = Math.Clamp(count / MinLeavesPerSlice, 1, Environment.ProcessorCount);
        Parallel.For(0, slices, slice =>
        {
            var (first, last) = ((int)((long)count * slice / slices), (int)((long)count * (slice + 1) / slices));
            for (var i = first; i < last; i++)
            {
                MerkleHasher.HashLeaf(Records.Value(i), _leafHashes.AsSpan(i * Sha256Hash.Length, Sha256Hash.Length));
            }
        });
    }
}
