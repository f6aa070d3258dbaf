using FederatedAgents.Gateway.Egress;
using FederatedAgents.Grpc.Classification;

namespace FederatedAgents.Gateway.Tests.Egress;

public class DisclosureTests
{
    private static readonly ClassificationSet s_internal = ClassificationSet.Of(DataClassification.Internal);
    private static readonly ClassificationSet s_pii = ClassificationSet.Of(DataClassification.Pii);
    private static readonly ClassificationSet s_restricted = ClassificationSet.Of(DataClassification.Restricted);

    [Fact]
    public void VisibleTo_EachDiscloseScope_GrantsExactlyItsClass()
    {
        var visible = Disclosure.VisibleTo(["disclose:pii"]);

        Assert.True(visible.Covers(s_pii));
        Assert.False(visible.Covers(s_restricted));
        Assert.False(visible.Covers(s_internal));
    }

    [Fact]
    public void VisibleTo_SeveralScopes_GrantTheUnion()
    {
        var visible = Disclosure.VisibleTo(["read:credit", "disclose:restricted", "disclose:internal"]);

        Assert.True(visible.Covers(s_restricted.Union(s_internal)));
        Assert.False(visible.Covers(s_pii));
    }

    [Theory]
    [InlineData("disclose:PII")]
    [InlineData("disclose:")]
    [InlineData("disclose:public")]
    [InlineData("disclose:*")]
    [InlineData("pii")]
    [InlineData(" disclose:pii")]
    public void VisibleTo_OtherScopes_GrantNothing(string scope) =>
        Assert.Equal(ClassificationSet.None, Disclosure.VisibleTo([scope]));

    [Fact]
    public void VisibleTo_NoScopes_SeesPublicDataOnly()
    {
        var visible = Disclosure.VisibleTo([]);

        Assert.True(visible.Covers(ClassificationSet.Of(DataClassification.Public)));
        Assert.False(visible.Covers(s_pii));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void Covers_ClassUnknownToThisBuild_NeverGranted(int number)
    {
        var everything = Disclosure.VisibleTo(["disclose:internal", "disclose:pii", "disclose:restricted"]);

        Assert.False(everything.Covers(ClassificationSet.Of((DataClassification)number)));
    }
}
