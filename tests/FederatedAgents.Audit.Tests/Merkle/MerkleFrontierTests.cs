using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void Root_GoldenLeaves_MatchesPublishedRootAtEverySize()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(GoldenVectors.Hash(GoldenVectors.Roots[0]), frontier.Root());
        for (var size = 1; size <= GoldenVectors.LeafInputs.Length; size++)
        {
            frontier.Append(MerkleHasher.HashLeaf(GoldenVectors.LeafInputs[size - 1]).AsSpan());
            Assert.Equal(GoldenVectors.Hash(GoldenVectors.Roots[size]), frontier.Root());
        }
    }

    [Fact]
    public void Append_GoldenLeaves_StoresEveryPublishedSubtreeAtItsPosition()
    {
        var tree = TestTree.FromLeafData(GoldenVectors.LeafInputs);

        for (var level = 0; level < GoldenVectors.NodeHashes.Length; level++)
        {
            for (var index = 0; index < GoldenVectors.NodeHashes[level].Length; index++)
            {
                var position = new NodeKey(level, index).Position;
                Assert.Equal(GoldenVectors.Hash(GoldenVectors.NodeHashes[level][index]), tree.Nodes[position]);
            }
        }

        Assert.Equal(NodeKey.CountFor(8), tree.Nodes.Count);
        Assert.Equal(Enumerable.Range(0, tree.Nodes.Count).Select(p => (long)p), tree.Nodes.Keys.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(300)]
    public void Root_ManyLeaves_MatchesReferenceDefinition(int size)
    {
        var tree = TestTree.WithSize(size);
        var frontier = new MerkleFrontier();
        foreach (var leaf in tree.Leaves)
        {
            frontier.Append(leaf.AsSpan());
        }

        Assert.Equal(tree.ReferenceRoot(size), frontier.Root());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(32)]
    [InlineData(77)]
    public void Restore_FrontierOfStoredNodes_ContinuesTheSameTree(int restoredSize)
    {
        var tree = TestTree.WithSize(100);
        var frontier = MerkleFrontier.Restore(
            restoredSize, NodeKey.Frontier(restoredSize).Select(key => tree.Nodes[key.Position]).ToList());

        foreach (var leaf in tree.Leaves[restoredSize..])
        {
            frontier.Append(leaf.AsSpan());
        }

        Assert.Equal(100, frontier.Size);
        Assert.Equal(tree.ReferenceRoot(100), frontier.Root());
    }

    [Fact]
    public void Restore_WrongNumberOfHashes_ThrowsNamingTheExpectedCount()
    {
        var error = Assert.Throws<ArgumentException>(() => MerkleFrontier.Restore(7, [MerkleHasher.EmptyRoot]));

        Assert.Contains("3 frontier subtrees", error.Message);
    }
}
