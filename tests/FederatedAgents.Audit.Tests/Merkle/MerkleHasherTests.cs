using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class MerkleHasherTests
{
    [Fact]
    public void EmptyRoot_IsSha256OfTheEmptyString() =>
        Assert.Equal(GoldenVectors.Hash(GoldenVectors.Roots[0]), MerkleHasher.EmptyRoot);

    [Fact]
    public void HashLeaf_GoldenInputs_MatchPublishedLeafHashes()
    {
        for (var i = 0; i < GoldenVectors.LeafInputs.Length; i++)
        {
            Assert.Equal(GoldenVectors.Hash(GoldenVectors.NodeHashes[0][i]), MerkleHasher.HashLeaf(GoldenVectors.LeafInputs[i]));
        }
    }

    [Fact]
    public void HashChildren_GoldenSubtrees_MatchPublishedParents()
    {
        for (var level = 1; level < GoldenVectors.NodeHashes.Length; level++)
        {
            for (var i = 0; i < GoldenVectors.NodeHashes[level].Length; i++)
            {
                var left = GoldenVectors.Hash(GoldenVectors.NodeHashes[level - 1][2 * i]);
                var right = GoldenVectors.Hash(GoldenVectors.NodeHashes[level - 1][(2 * i) + 1]);
                Assert.Equal(GoldenVectors.Hash(GoldenVectors.NodeHashes[level][i]), MerkleHasher.HashChildren(left, right));
            }
        }
    }

    [Fact]
    public void HashLeaf_DataLargerThanStackBuffer_EqualsSha256OfPrefixedData()
    {
        var data = new byte[5000];
        Random.Shared.NextBytes(data);

        Assert.Equal(Sha256Hash.Of([0x00, .. data]), MerkleHasher.HashLeaf(data));
    }

    [Fact]
    public void HashLeaf_SameBytesAsNode_DiffersFromNodeHash()
    {
        var left = MerkleHasher.HashLeaf([1]);
        var right = MerkleHasher.HashLeaf([2]);

        Assert.NotEqual(MerkleHasher.HashChildren(left, right), MerkleHasher.HashLeaf([.. left.AsSpan(), .. right.AsSpan()]));
    }
}
