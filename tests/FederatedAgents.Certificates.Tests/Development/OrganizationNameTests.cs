using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Certificates.Tests.Development;

public sealed class OrganizationNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("bank")]
    [InlineData("credit-bureau-2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void FindProblems_LowercaseDnsLabel_HasNone(string name) =>
        Assert.Empty(OrganizationName.FindProblems([name]));

    [Fact]
    public void FindProblems_InvalidName_ExplainsTheRule()
    {
        var problem = Assert.Single(OrganizationName.FindProblems(["bank", "Bureau"]));

        Assert.Equal(
            "'Bureau' is not a valid organization name: use a lowercase DNS label of 1-63 characters " +
            "(a-z, 0-9 and '-', not starting or ending with '-'), for example 'bank'.",
            problem);
    }

    [Fact]
    public void FindProblems_RepeatedName_SaysSo()
    {
        var problem = Assert.Single(OrganizationName.FindProblems(["bank", "bureau", "bank"]));

        Assert.Equal("The organization 'bank' is given more than once.", problem);
    }
}
