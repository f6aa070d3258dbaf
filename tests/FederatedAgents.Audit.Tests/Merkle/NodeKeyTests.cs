using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class NodeKeyTests
{
    [Theory]
    [InlineData(0, 8, "3:0")]
    [InlineData(0, 7, "2:0 1:2 0:6")]
    [InlineData(4, 7, "1:2 0:6")]
    [InlineData(6, 8, "1:3")]
    [InlineData(3, 9, "0:3 2:1 0:8")]
    [InlineData(5, 5, "")]
    public void Decompose_Range_GivesLargestAlignedSubtreesLeftToRight(long start, long end, string expected) =>
        Assert.Equal(expected, string.Join(' ', NodeKey.Decompose(start, end).Select(k => $"{k.Level}:{k.Index}")));

    [Fact]
    public void Position_OfEveryNodeOfATree_CoversExactlyTheTreesPositionRange()
    {
        const int Size = 37;
        var positions = Enumerable.Range(0, 7)
            .SelectMany(level => Enumerable.Range(0, Size >> level).Select(index => new NodeKey(level, index).Position))
            .Order()
            .ToList();

        Assert.Equal(Enumerable.Range(0, (int)NodeKey.CountFor(Size)).Select(p => (long)p), positions);
    }

    [Fact]
    public void FirstLeaf_OfLevelTwoNode_IsIndexTimesFour() => Assert.Equal(12, new NodeKey(2, 3).FirstLeaf);
}
