using System.Numerics;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// A complete subtree: <see cref="Level"/> 0 is a leaf, and node (level, index) covers leaves
/// [index·2^level, (index+1)·2^level). Complete subtrees never change once their last leaf is
/// appended, so stores keep their hashes and build proofs from ~log2(n) lookups.
/// </summary>
/// <remarks>
/// <see cref="Position"/> numbers nodes in post-order, which is exactly the order in which an
/// append-only log completes them: leaf i sits at 2i − popcount(i) and is followed by the
/// parents it completes. A tree of n leaves therefore owns positions [0, <see cref="CountFor"/>(n)).
/// </remarks>
public readonly record struct NodeKey(int Level, long Index)
{
    public long FirstLeaf => Index << Level;

    public long Position => LeafPosition(((Index + 1) << Level) - 1) + Level;

    /// <summary>How many complete subtrees (and stored node hashes) a tree of <paramref name="treeSize"/> leaves has.</summary>
    public static long CountFor(long treeSize) => LeafPosition(treeSize);

    public static long LeafPosition(long leafIndex) => (2 * leafIndex) - BitOperations.PopCount((ulong)leafIndex);

    /// <summary>
    /// The complete subtrees that make up leaves [start, end), left to right, each as large as
    /// alignment allows. For the ranges RFC 9162 proofs use, the range hash folds them from the right.
    /// </summary>
    public static List<NodeKey> Decompose(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        var keys = new List<NodeKey>();
        while (start < end)
        {
            var level = Math.Min(
                start == 0 ? 62 : BitOperations.TrailingZeroCount(start),
                BitOperations.Log2((ulong)(end - start)));
            keys.Add(new NodeKey(level, start >> level));
            start += 1L << level;
        }

        return keys;
    }

    /// <summary>The complete subtrees on the right edge of a tree of <paramref name="treeSize"/> leaves, largest first.</summary>
    public static List<NodeKey> Frontier(long treeSize) => Decompose(0, treeSize);
}
