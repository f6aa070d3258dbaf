using System.Text.Json.Nodes;
using FederatedAgents.Grpc;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Configuration;

/// <summary>The organization file changes while the gateway runs: live calls finish on the configuration they started with.</summary>
public sealed class ReloadTests : IAsyncLifetime
{
    private GrpcTestServer _first = null!;
    private GrpcTestServer _second = null!;

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _first = await GrpcTestServer.StartAsync();
        _second = await GrpcTestServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task RouteChangesDuringALiveStream_TheStreamCompletesOnTheOldAgentAndNewCallsGoToTheNewOne()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _first.Address)));
        using var live = gateway.LocalInvoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, default);
        await PingAsync(live, "before");
        await _first.Observer.WaitAsync(CallEvents.Started, "before");

        await gateway.ReloadAsync(GatewayJson.Local(GatewayJson.Agent("echo", _second.Address)));
        await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "new-call" }).ResponseAsync.Bounded();
        await PingAsync(live, "after");
        await live.RequestStream.CompleteAsync().Bounded();

        Assert.False(await live.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal(StatusCode.OK, live.GetStatus().StatusCode);
        Assert.True(_first.Observer.Happened(CallEvents.Started, "after"));
        Assert.True(_second.Observer.Happened(CallEvents.Started, "new-call"));
        Assert.False(_first.Observer.Happened(CallEvents.Started, "new-call"));
        await gateway.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task ReloadWithErrors_LoggedAndThePreviousConfigurationKeepsServing()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _first.Address)));
        var broken = GatewayJson.Local(GatewayJson.Agent("echo", _second.Address));
        broken["Agents"]![0]!["Timeout"] = "soon";

        await gateway.RewriteAsync(broken);
        var rejected = await gateway.Logs.WaitForAsync(4051);
        await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "still-first" }).ResponseAsync.Bounded();

        Assert.Contains("Gateway:Agents:0:Timeout: 'soon' is not a positive duration", rejected.Message);
        Assert.True(_first.Observer.Happened(CallEvents.Started, "still-first"));
        Assert.Equal(1, gateway.Snapshots.Current.Version);
    }

    [Fact]
    public async Task PolicyChange_NewCallsSeeTheNewPolicyOnTheSameConnections()
    {
        var agent = GatewayJson.Agent("echo", _first.Address);
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local((JsonObject)agent.DeepClone()));
        var cluster = gateway.Snapshots.Current.Clusters["echo"];
        agent["Methods"] = new JsonArray(new JsonObject { ["Name"] = GatewayJson.EchoService + "/Unary", ["RequiredScopes"] = GatewayJson.Strings(["echo:call"]) });

        await gateway.ReloadAsync(GatewayJson.Local((JsonObject)agent.DeepClone()));

        var route = gateway.Snapshots.Current.Routes.Find("/federatedagents.testing.Echo/Unary");
        Assert.Equal(["echo:call"], route?.Policy.RequiredScopes);
        Assert.Same(cluster, route?.Cluster);
    }

    private static async Task PingAsync(FederatedAgents.Grpc.Client.AsyncDuplexStreamingCall<EchoRequest, EchoResponse> call, string message)
    {
        await call.RequestStream.WriteAsync(new EchoRequest { Message = message }, TestToken).Bounded();
        Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal(message, call.ResponseStream.Current.Message);
    }
}
