using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

/// <summary>
/// An in-memory tree for tests: the stored subtree hashes as a store would keep them (built with the
/// production <see cref="MerkleFrontier"/>), and the RFC 9162 definitions (MTH, PATH, PROOF) written
/// naively over the leaf list as the independent reference.
/// </summary>
internal sealed class TestTree
{
    private TestTree(List<Sha256Hash> leaves, Dictionary<long, Sha256Hash> nodes)
    {
        Leaves = leaves;
        Nodes = nodes;
    }

    public List<Sha256Hash> Leaves { get; }

    public Dictionary<long, Sha256Hash> Nodes { get; }

    public static TestTree FromLeafData(IEnumerable<byte[]> data) => FromLeafHashes(data.Select(d => MerkleHasher.HashLeaf(d)));

    /// <summary>A tree whose leaf i has the data "leaf-i".</summary>
    public static TestTree WithSize(int size) =>
        FromLeafData(Enumerable.Range(0, size).Select(i => System.Text.Encoding.ASCII.GetBytes($"leaf-{i}")));

    public InclusionProof Inclusion(long index, long size) =>
        new(index, size, ProofPlan.ForInclusion(index, size).Resolve(Nodes));

    public ConsistencyProof Consistency(long oldSize, long newSize) =>
        new(oldSize, newSize, ProofPlan.ForConsistency(oldSize, newSize).Resolve(Nodes));

    public Sha256Hash ReferenceRoot(int size) => Mth(Leaves[..size]);

    public List<Sha256Hash> ReferencePath(int index, int size) => Path(index, Leaves[..size]);

    public List<Sha256Hash> ReferenceConsistency(int oldSize, int newSize) =>
        oldSize == 0 || oldSize == newSize ? [] : Subproof(oldSize, Leaves[..newSize], true);

    private static TestTree FromLeafHashes(IEnumerable<Sha256Hash> leafHashes)
    {
        var leaves = leafHashes.ToList();
        var nodes = new Dictionary<long, Sha256Hash>();
        var frontier = new MerkleFrontier();
        foreach (var leaf in leaves)
        {
            var position = NodeKey.LeafPosition(frontier.Size);
            var completed = frontier.Append(leaf.AsSpan());
            for (var level = 0; level < completed; level++)
            {
                nodes.Add(position + level, Sha256Hash.FromBytes(frontier.Completed(level)));
            }
        }

        return new TestTree(leaves, nodes);
    }

    private static int Split(int n) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n) / 2;

    private static Sha256Hash Mth(List<Sha256Hash> d) => d.Count switch
    {
        0 => MerkleHasher.EmptyRoot,
        1 => d[0],
        _ => MerkleHasher.HashChildren(Mth(d[..Split(d.Count)]), Mth(d[Split(d.Count)..])),
    };

    private static List<Sha256Hash> Path(int m, List<Sha256Hash> d)
    {
        if (d.Count == 1)
        {
            return [];
        }

        var k = Split(d.Count);
        return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
    }

    private static List<Sha256Hash> Subproof(int m, List<Sha256Hash> d, bool b)
    {
        if (m == d.Count)
        {
            return b ? [] : [Mth(d)];
        }

        var k = Split(d.Count);
        return m <= k ? [.. Subproof(m, d[..k], b), Mth(d[k..])] : [.. Subproof(m - k, d[k..], false), Mth(d[..k])];
    }
}
