using System.Numerics;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// Which stored subtree hashes an RFC 9162 proof needs. Each proof element is the hash of a leaf
/// range (§2.1.3.1 PATH, §2.1.4.1 SUBPROOF); a range is either one complete subtree or, on the
/// right edge of the tree, a few of them folded from the right. A proof is therefore O(log n) lookups.
/// </summary>
internal sealed class ProofPlan
{
    private readonly List<List<NodeKey>> _elements = [];

    private ProofPlan()
    {
    }

    /// <summary>Every node position the proof reads, for one batched lookup.</summary>
    public IReadOnlyCollection<long> Positions =>
        _elements.SelectMany(keys => keys).Select(key => key.Position).ToHashSet();

    public static ProofPlan ForInclusion(long leafIndex, long treeSize)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {treeSize} leaves; ask for an index below the tree size.");
        }

        var plan = new ProofPlan();
        plan.AddPath(leafIndex, 0, treeSize);
        return plan;
    }

    public static ProofPlan ForConsistency(long oldSize, long newSize)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(oldSize), $"No consistency proof from size {oldSize} to {newSize}: the old size must be between 0 and the new size.");
        }

        var plan = new ProofPlan();
        if (oldSize > 0 && oldSize < newSize)
        {
            plan.AddSubproof(oldSize, 0, newSize, true);
        }

        return plan;
    }

    /// <summary>Folds the looked-up node hashes (every one of <see cref="Positions"/>) into the proof's hashes, in RFC order.</summary>
    public List<Sha256Hash> Resolve(IReadOnlyDictionary<long, Sha256Hash> nodes) =>
        _elements.Select(keys => Fold(keys, nodes)).ToList();

    private static Sha256Hash Fold(List<NodeKey> keys, IReadOnlyDictionary<long, Sha256Hash> nodes)
    {
        var hash = nodes[keys[^1].Position];
        for (var i = keys.Count - 2; i >= 0; i--)
        {
            hash = MerkleHasher.HashChildren(nodes[keys[i].Position], hash);
        }

        return hash;
    }

    private void AddPath(long leafIndex, long start, long size)
    {
        if (size == 1)
        {
            return;
        }

        var split = SplitPoint(size);
        if (leafIndex < split)
        {
            AddPath(leafIndex, start, split);
            AddRange(start + split, start + size);
        }
        else
        {
            AddPath(leafIndex - split, start + split, size - split);
            AddRange(start, start + split);
        }
    }

    private void AddSubproof(long oldSize, long start, long size, bool isWholeOldTree)
    {
        if (oldSize == size)
        {
            if (!isWholeOldTree)
            {
                AddRange(start, start + size);
            }

            return;
        }

        var split = SplitPoint(size);
        if (oldSize <= split)
        {
            AddSubproof(oldSize, start, split, isWholeOldTree);
            AddRange(start + split, start + size);
        }
        else
        {
            AddSubproof(oldSize - split, start + split, size - split, false);
            AddRange(start, start + split);
        }
    }

    private void AddRange(long start, long end) => _elements.Add(NodeKey.Decompose(start, end));

    /// <summary>The largest power of two strictly below <paramref name="size"/> (size ≥ 2).</summary>
    private static long SplitPoint(long size) => 1L << BitOperations.Log2((ulong)(size - 1));
}
