using FederatedAgents.Gateway.Health;

namespace FederatedAgents.Gateway.Tests.Health;

public sealed class EndpointSetTests
{
    private static readonly Uri[] s_addresses = [new("http://127.0.0.1:5001"), new("http://127.0.0.1:5002"), new("http://127.0.0.1:5003")];

    [Fact]
    public void Pick_AllUnchecked_RoundRobinOverEveryEndpoint()
    {
        var set = new EndpointSet(s_addresses);

        var picked = Enumerable.Range(0, 6).Select(_ => set.Pick()!.Address).ToList();

        Assert.Equal(2, picked.Count(a => a == s_addresses[0]));
        Assert.Equal(2, picked.Count(a => a == s_addresses[1]));
        Assert.Equal(2, picked.Count(a => a == s_addresses[2]));
    }

    [Fact]
    public void Pick_OneUnhealthy_NeverPicksIt()
    {
        var set = new EndpointSet(s_addresses);
        set.Report(set.All[1], EndpointHealth.Unhealthy);

        var picked = Enumerable.Range(0, 10).Select(_ => set.Pick()!.Address).ToHashSet();

        Assert.True(picked.SetEquals([s_addresses[0], s_addresses[2]]));
    }

    [Fact]
    public void Pick_AllUnhealthy_Null()
    {
        var set = new EndpointSet(s_addresses);
        foreach (var endpoint in set.All)
        {
            set.Report(endpoint, EndpointHealth.Unhealthy);
        }

        Assert.Null(set.Pick());
    }

    [Fact]
    public void Report_SameHealthAgain_NotAChange()
    {
        var set = new EndpointSet(s_addresses);

        Assert.True(set.Report(set.All[0], EndpointHealth.Healthy));
        Assert.False(set.Report(set.All[0], EndpointHealth.Healthy));
        Assert.True(set.Report(set.All[0], EndpointHealth.Unhealthy));
    }
}
