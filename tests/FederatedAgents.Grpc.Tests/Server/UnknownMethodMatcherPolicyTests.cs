using FederatedAgents.Grpc.AspNetCore.Binding;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>The routing tree leaves the unknown-method catch-all out wherever a mapped method matches the path.</summary>
public class UnknownMethodMatcherPolicyTests
{
    private static (Endpoint Method, Endpoint Unknown) Endpoints(GrpcTestServer server)
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return (
            endpoints.Single(e => e.DisplayName == "gRPC - /federatedagents.testing.Echo/Unary"),
            endpoints.Single(UnknownMethodEndpoint.Is));
    }

    [Fact]
    public async Task GetEdges_MappedMethodAndCatchAll_OnlyTheMappedMethodRemains()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (method, unknown) = Endpoints(server);
        var policy = new UnknownMethodMatcherPolicy();

        Assert.True(policy.AppliesToEndpoints([method, unknown]));
        var edge = Assert.Single(policy.GetEdges([method, unknown]));
        Assert.Equal([method], edge.Endpoints);
    }

    [Fact]
    public async Task AppliesToEndpoints_CatchAllAlone_FalseSoUnknownPathsStillReachIt()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (_, unknown) = Endpoints(server);

        Assert.False(new UnknownMethodMatcherPolicy().AppliesToEndpoints([unknown]));
    }
}
