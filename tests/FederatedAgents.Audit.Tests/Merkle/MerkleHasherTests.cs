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

    [Theory]
    [InlineData(0)]
    [InlineData(54)]
    [InlineData(55)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(119)]
    [InlineData(831)]
    public void HashLeaf_LengthsAroundBlockBoundaries_EqualsSha256OfPrefixedData(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);

        Assert.Equal(Sha256Hash.Of([0x00, .. data]), MerkleHasher.HashLeaf(data));
    }

    [Fact]
    public void HashChildren_AnyChildren_EqualsSha256OfPrefixedConcatenation()
    {
        var (left, right) = (Sha256Hash.Of([1]), Sha256Hash.Of([2]));
        var destination = new byte[Sha256Hash.Length];

        MerkleHasher.HashChildren(left.AsSpan(), right.AsSpan(), destination);

        Assert.Equal(Sha256Hash.Of([0x01, .. left.AsSpan(), .. right.AsSpan()]), Sha256Hash.FromBytes(destination));
    }

    [Fact]
    public void HashLeaf_SameBytesAsNode_DiffersFromNodeHash()
    {
        var left = MerkleHasher.HashLeaf([1]);
        var right = MerkleHasher.HashLeaf([2]);

        Assert.NotEqual(MerkleHasher.HashChildren(left, right), MerkleHasher.HashLeaf([.. left.AsSpan(), .. right.AsSpan()]));
    }
}
