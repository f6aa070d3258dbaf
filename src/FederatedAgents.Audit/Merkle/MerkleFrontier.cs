using System.Numerics;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// The right edge of an append-only tree: one hash per complete subtree of the decomposition of
/// <see cref="Size"/> (at most 64). Appending a leaf is O(log n) and reports the subtrees it completes;
/// memory is constant however large the tree grows, which is what lets a verifier stream.
/// </summary>
internal sealed class MerkleFrontier
{
    private const int HashLength = Sha256Hash.Length;
    private const int MaxLevels = 64;

    private readonly byte[] _slots = new byte[MaxLevels * HashLength];
    private readonly byte[] _completed = new byte[MaxLevels * HashLength];

    public long Size { get; private set; }

    /// <summary>Rebuilds the edge of a tree of <paramref name="size"/> leaves from the hashes of <see cref="NodeKey.Frontier"/>.</summary>
    public static MerkleFrontier Restore(long size, IReadOnlyList<Sha256Hash> frontierHashes)
    {
        var keys = NodeKey.Frontier(size);
        if (keys.Count != frontierHashes.Count)
        {
            throw new ArgumentException(
                $"A tree of {size} leaves has {keys.Count} frontier subtrees, got {frontierHashes.Count} hashes.",
                nameof(frontierHashes));
        }

        var frontier = new MerkleFrontier { Size = size };
        for (var i = 0; i < keys.Count; i++)
        {
            frontierHashes[i].AsSpan().CopyTo(frontier.Slot(keys[i].Level));
        }

        return frontier;
    }

    public MerkleFrontier Copy()
    {
        var copy = new MerkleFrontier { Size = Size };
        _slots.CopyTo(copy._slots, 0);
        return copy;
    }

    /// <summary>
    /// Appends a leaf hash. Returns how many subtrees it completed (the leaf itself, then each parent):
    /// subtree k is at level k, index (leaf index &gt;&gt; k), and its hash is <see cref="Completed"/>(k).
    /// </summary>
    public int Append(ReadOnlySpan<byte> leafHash)
    {
        leafHash.CopyTo(Completed(0));
        var level = 0;
        while (((Size >> level) & 1) == 1)
        {
            MerkleHasher.HashChildren(Slot(level), Completed(level), Completed(level + 1));
            level++;
        }

        Completed(level).CopyTo(Slot(level));
        Size++;
        return level + 1;
    }

    /// <summary>The hash of the subtree completed at <paramref name="level"/> by the last <see cref="Append"/>.</summary>
    public Span<byte> Completed(int level) => _completed.AsSpan(level * HashLength, HashLength);

    public Sha256Hash Root()
    {
        if (Size == 0)
        {
            return MerkleHasher.EmptyRoot;
        }

        Span<byte> root = stackalloc byte[HashLength];
        var level = BitOperations.TrailingZeroCount(Size);
        Slot(level).CopyTo(root);
        for (level++; level < MaxLevels; level++)
        {
            if (((Size >> level) & 1) == 1)
            {
                MerkleHasher.HashChildren(Slot(level), root, root);
            }
        }

        return Sha256Hash.FromBytes(root);
    }

    private Span<byte> Slot(int level) => _slots.AsSpan(level * HashLength, HashLength);
}
