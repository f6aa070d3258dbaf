using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

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
    /// the tree, while the next page is read, in parallel slices (each thread reuses its own SHA-256 context).
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
