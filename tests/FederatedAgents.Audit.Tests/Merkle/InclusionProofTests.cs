using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class InclusionProofTests
{
    private static readonly TestTree s_golden = TestTree.FromLeafData(GoldenVectors.LeafInputs);

    [Theory]
    [MemberData(nameof(GoldenVectors.InclusionProofs), MemberType = typeof(GoldenVectors))]
    public void ProofPlan_GoldenVectors_BuildsThePublishedProofAndItVerifies(long index, long size, string[] expected)
    {
        var proof = s_golden.Inclusion(index, size);

        Assert.Equal(expected.Select(GoldenVectors.Hash), proof.Hashes);
        Assert.True(proof.Verify(s_golden.Leaves[(int)index], GoldenVectors.Hash(GoldenVectors.Roots[size])));
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.InclusionProofs), MemberType = typeof(GoldenVectors))]
    public void Verify_CorruptedGoldenProof_Fails(long index, long size, string[] expected)
    {
        var root = GoldenVectors.Hash(GoldenVectors.Roots[size]);
        var leaf = s_golden.Leaves[(int)index];
        var hashes = expected.Select(GoldenVectors.Hash).ToList();
        var garbage = Sha256Hash.Parse("abacaba000000000000000000000000000000000000000000060061e00123456");

        List<InclusionProof> wrong =
        [
            new(index - 1, size, hashes), new(index + 1, size, hashes), new(index ^ 2, size, hashes),
            new(index, size * 2, hashes), new(index, size / 2, hashes),
            new(index, size, [.. hashes, garbage]), new(index, size, [.. hashes, root]), new(index, size, [garbage, .. hashes]),
        ];
        wrong.AddRange(hashes.Select((_, i) => new InclusionProof(index, size, FlipBit(hashes, i))));
        if (hashes.Count > 0)
        {
            wrong.Add(new(index, size, hashes[..^1]));
        }

        Assert.All(wrong, proof => Assert.False(proof.Verify(leaf, root), $"accepted {proof.LeafIndex}/{proof.TreeSize}"));
        Assert.False(new InclusionProof(index, size, hashes).Verify(MerkleHasher.HashLeaf("WrongLeaf"u8), root));
        Assert.False(new InclusionProof(index, size, hashes).Verify(leaf, MerkleHasher.EmptyRoot));
        Assert.False(new InclusionProof(index, size, hashes).Verify(leaf, garbage));
    }

    [Fact]
    public void ProofPlan_EveryLeafOfTreesUpTo64_MatchesReferencePathAndVerifies()
    {
        var tree = TestTree.WithSize(64);
        for (var size = 1; size <= 64; size++)
        {
            var root = tree.ReferenceRoot(size);
            for (var index = 0; index < size; index++)
            {
                var proof = tree.Inclusion(index, size);
                Assert.Equal(tree.ReferencePath(index, size), proof.Hashes);
                Assert.True(proof.Verify(tree.Leaves[index], root), $"leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void ProofPlan_RandomLeavesOfLargerTrees_Verify()
    {
        var tree = TestTree.WithSize(3000);
        var random = new Random(9162);
        for (var round = 0; round < 200; round++)
        {
            var size = random.Next(65, 3001);
            var index = random.Next(size);

            var proof = tree.Inclusion(index, size);

            Assert.Equal(tree.ReferencePath(index, size), proof.Hashes);
            Assert.True(proof.Verify(tree.Leaves[index], tree.ReferenceRoot(size)), $"leaf {index} of {size}");
            Assert.False(proof.Verify(tree.Leaves[(index + 1) % size], tree.ReferenceRoot(size)));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(-1, 5)]
    public void ProofPlan_IndexOutsideTree_ThrowsNamingTheIndex(long index, long size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForInclusion(index, size));

        Assert.Contains($"Leaf {index} is not in a tree of {size}", error.Message);
    }

    [Fact]
    public void Verify_IndexOutsideTree_Fails()
    {
        var leaf = MerkleHasher.HashLeaf("data"u8);

        Assert.False(new InclusionProof(1, 1, []).Verify(leaf, leaf));
        Assert.False(new InclusionProof(0, 0, []).Verify(leaf, leaf));
        Assert.True(new InclusionProof(0, 1, []).Verify(leaf, leaf));
    }

    internal static List<Sha256Hash> FlipBit(List<Sha256Hash> hashes, int element)
    {
        var bytes = hashes[element].ToArray();
        bytes[0] ^= 8;
        var copy = hashes.ToList();
        copy[element] = Sha256Hash.FromBytes(bytes);
        return copy;
    }
}
