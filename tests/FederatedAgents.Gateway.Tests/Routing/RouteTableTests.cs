using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Gateway.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Gateway.Tests.Routing;

public sealed class RouteTableTests : IAsyncDisposable
{
    private static readonly MethodPolicy s_quote = MethodPolicy.Open("bank.Loans/Quote") with { RequiredScopes = ["loans:quote"], Timeout = TimeSpan.FromSeconds(2), MaxConcurrentCalls = 3 };
    private static readonly MethodPolicy s_loans = MethodPolicy.Open("bank.Loans/*") with { AllowedPartners = ["bureau"] };

    private static readonly AgentConfig s_agent = new(
        "loans", [new Uri("http://127.0.0.1:5001")], null, ["bank.Loans", "bank.Rates"], null, TimeSpan.FromSeconds(30), 10, [s_quote, s_loans]);

    private readonly AgentCluster _cluster = new(s_agent, null, TimeProvider.System, NullLogger.Instance);
    private readonly RouteTable _routes;

    public RouteTableTests() => _routes = new RouteTable([s_agent], new Dictionary<string, AgentCluster> { ["loans"] = _cluster }, new ConcurrencyCounters());

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public void Find_MethodWithItsOwnEntry_ThatEntrysPolicyTimeoutAndLimits()
    {
        var route = _routes.Find("/bank.Loans/Quote");

        Assert.NotNull(route);
        Assert.Same(s_quote, route.Policy);
        Assert.Equal(TimeSpan.FromSeconds(2), route.Timeout);
        Assert.Equal(["agent loans", "method loans/bank.Loans/Quote"], route.Limits.Select(l => l.Scope));
    }

    [Fact]
    public void Find_OtherMethodOfTheService_TheServiceWideEntry()
    {
        var route = _routes.Find("/bank.Loans/Apply");

        Assert.Same(s_loans, route?.Policy);
        Assert.Equal(TimeSpan.FromSeconds(30), route?.Timeout);
    }

    [Fact]
    public void Find_ServiceWithoutEntries_OpenPolicyForLocalCallersOnly()
    {
        var route = _routes.Find("/bank.Rates/Today");

        Assert.NotNull(route);
        Assert.Empty(route.Policy.AllowedPartners);
        Assert.True(route.Policy.Egress);
    }

    [Theory]
    [InlineData("/bank.Other/Quote")]
    [InlineData("/bank.Loans")]
    [InlineData("bank.Loans/Quote")]
    [InlineData("/bank.Loans/")]
    [InlineData("//Quote")]
    [InlineData("/x/bank.Loans/Quote")]
    public void Find_NotAServedMethod_Null(string path) => Assert.Null(_routes.Find(path));
}
