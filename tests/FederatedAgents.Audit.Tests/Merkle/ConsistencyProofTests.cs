using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class ConsistencyProofTests
{
    private static readonly TestTree s_golden = TestTree.FromLeafData(GoldenVectors.LeafInputs);

    [Theory]
    [MemberData(nameof(GoldenVectors.ConsistencyProofs), MemberType = typeof(GoldenVectors))]
    public void ProofPlan_GoldenVectors_BuildsThePublishedProofAndItVerifies(long oldSize, long newSize, string[] expected)
    {
        var proof = s_golden.Consistency(oldSize, newSize);

        Assert.Equal(expected.Select(GoldenVectors.Hash), proof.Hashes);
        Assert.True(proof.Verify(GoldenVectors.Hash(GoldenVectors.Roots[oldSize]), GoldenVectors.Hash(GoldenVectors.Roots[newSize])));
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.ConsistencyProofs), MemberType = typeof(GoldenVectors))]
    public void Verify_CorruptedGoldenProof_Fails(long oldSize, long newSize, string[] expected)
    {
        var oldRoot = GoldenVectors.Hash(GoldenVectors.Roots[oldSize]);
        var newRoot = GoldenVectors.Hash(GoldenVectors.Roots[newSize]);
        var hashes = expected.Select(GoldenVectors.Hash).ToList();
        var garbage = MerkleHasher.HashLeaf("WrongRoot"u8);

        List<ConsistencyProof> wrong = hashes.Count == 0 ? [new(oldSize, newSize, [garbage])] :
        [
            new(oldSize - 1, newSize, hashes), new(oldSize + 1, newSize, hashes), new(oldSize ^ 2, newSize, hashes),
            new(oldSize, newSize * 2, hashes), new(oldSize, newSize / 2, hashes), new(oldSize, newSize, []),
            new(oldSize, newSize, [.. hashes, garbage]), new(oldSize, newSize, [.. hashes, oldRoot]), new(oldSize, newSize, [.. hashes, newRoot]),
            new(oldSize, newSize, [garbage, .. hashes]), new(oldSize, newSize, [oldRoot, .. hashes]), new(oldSize, newSize, [newRoot, .. hashes]),
            new(oldSize, newSize, [hashes[0], .. hashes]), new(oldSize, newSize, hashes[..^1]),
        ];
        wrong.AddRange(hashes.Select((_, i) => new ConsistencyProof(oldSize, newSize, InclusionProofTests.FlipBit(hashes, i))));

        Assert.All(wrong, proof => Assert.False(proof.Verify(oldRoot, newRoot), $"accepted {proof.OldSize}->{proof.NewSize}"));
        Assert.False(new ConsistencyProof(oldSize, newSize, hashes).Verify(garbage, newRoot));
        Assert.False(new ConsistencyProof(oldSize, newSize, hashes).Verify(oldRoot, garbage));
    }

    [Theory]
    [InlineData(0, 0, "a", "a", 0, true)]
    [InlineData(0, 0, "a", "b", 0, false)]
    [InlineData(0, 1, "a", "b", 0, true)]
    [InlineData(1, 1, "b", "b", 0, true)]
    [InlineData(1, 1, "a", "b", 0, false)]
    [InlineData(1, 0, "a", "b", 0, false)]
    [InlineData(2, 1, "a", "b", 0, false)]
    [InlineData(1, 2, "a", "b", 0, false)]
    [InlineData(0, 0, "a", "a", 1, false)]
    [InlineData(0, 1, "a", "b", 1, false)]
    [InlineData(1, 1, "a", "a", 1, false)]
    public void Verify_EdgeSizes_FollowsRfc(long oldSize, long newSize, string oldRoot, string newRoot, int proofLength, bool valid)
    {
        var proof = new ConsistencyProof(oldSize, newSize, Enumerable.Repeat(MerkleHasher.EmptyRoot, proofLength).ToList());

        Assert.Equal(valid, proof.Verify(Sha256Hash.Of(System.Text.Encoding.ASCII.GetBytes(oldRoot)), Sha256Hash.Of(System.Text.Encoding.ASCII.GetBytes(newRoot))));
    }

    [Fact]
    public void ProofPlan_EveryPairOfSizesUpTo64_MatchesReferenceAndVerifies()
    {
        var tree = TestTree.WithSize(64);
        for (var newSize = 1; newSize <= 64; newSize++)
        {
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                var proof = tree.Consistency(oldSize, newSize);
                Assert.Equal(tree.ReferenceConsistency(oldSize, newSize), proof.Hashes);
                Assert.True(proof.Verify(tree.ReferenceRoot(oldSize), tree.ReferenceRoot(newSize)), $"{oldSize} -> {newSize}");
            }
        }
    }

    [Fact]
    public void ProofPlan_RandomPairsOfLargerTrees_VerifyAndRejectAForeignOldRoot()
    {
        var tree = TestTree.WithSize(3000);
        var random = new Random(6962);
        for (var round = 0; round < 200; round++)
        {
            var newSize = random.Next(65, 3001);
            var oldSize = random.Next(1, newSize);

            var proof = tree.Consistency(oldSize, newSize);

            Assert.Equal(tree.ReferenceConsistency(oldSize, newSize), proof.Hashes);
            Assert.True(proof.Verify(tree.ReferenceRoot(oldSize), tree.ReferenceRoot(newSize)), $"{oldSize} -> {newSize}");
            Assert.False(proof.Verify(tree.ReferenceRoot(oldSize - 1 == 0 ? 2 : oldSize - 1), tree.ReferenceRoot(newSize)));
        }
    }

    [Fact]
    public void ProofPlan_OldSizeAboveNewSize_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForConsistency(9, 8));

        Assert.Contains("from size 9 to 8", error.Message);
    }
}
