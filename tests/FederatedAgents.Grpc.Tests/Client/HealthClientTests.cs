using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Health;
using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>grpc.health.v1 checks against an independent server (grpc-js), as the gateway runs them against agents.</summary>
public class HealthClientTests(GrpcJsServer server) : IClassFixture<GrpcJsServer>
{
    [Fact]
    public async Task CheckAsync_KnownService_IsServing()
    {
        using var channel = server.CreateChannel();
        var health = new HealthClient(channel);

        var whole = await health.CheckAsync("", new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5))).ResponseAsync.Bounded();
        var echo = await health.CheckAsync("federatedagents.testing.Echo").ResponseAsync.Bounded();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, whole.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, echo.Status);
    }

    [Fact]
    public async Task CheckAsync_UnknownService_IsNotFound()
    {
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new HealthClient(channel).CheckAsync("nobody.Home").ResponseAsync.Bounded());

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_Service_StreamsTheCurrentStatusFirst()
    {
        using var channel = server.CreateChannel();

        using var call = new HealthClient(channel).Watch("");

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
    }
}
