using System.Text.Json.Nodes;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Limits;

/// <summary>Concurrency limits are counters: a call over the limit is refused at once, never queued.</summary>
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task AgentAtItsLimit_NextCallResourceExhaustedAtOnce_AndAcceptedAgainOnceACallEnds()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        var echo = GatewayJson.Agent("echo", agent.Address);
        echo["MaxConcurrentCalls"] = 1;
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(echo));
        using var holding = new CancellationTokenSource();
        var first = gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, new CallOptions(cancellationToken: holding.Token), new EchoRequest { Message = "holding", WaitForCancellation = true });
        await agent.Observer.WaitAsync(CallEvents.Started, "holding");

        var refused = await Assert.ThrowsAsync<RpcException>(
            () => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "refused" }).ResponseAsync).Bounded();
        await holding.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => first.ResponseAsync).Bounded();
        await gateway.WaitUntilIdleAsync();
        var accepted = await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "accepted" }).ResponseAsync.Bounded();

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("Too many calls in flight for agent echo (limit 1); retry later.", refused.Status.Detail);
        Assert.False(agent.Observer.Happened(CallEvents.Started, "refused"));
        Assert.Equal("accepted", accepted.Message);
    }

    [Fact]
    public async Task MethodAtItsLimit_OtherMethodsOfTheAgentStillAccepted()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        var echo = GatewayJson.Agent("echo", agent.Address);
        echo["Methods"] = new JsonArray(new JsonObject { ["Name"] = GatewayJson.EchoService + "/Unary", ["MaxConcurrentCalls"] = 1 });
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(echo));
        using var holding = new CancellationTokenSource();
        _ = gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, new CallOptions(cancellationToken: holding.Token), new EchoRequest { Message = "held", WaitForCancellation = true });
        await agent.Observer.WaitAsync(CallEvents.Started, "held");

        var refused = await Assert.ThrowsAsync<RpcException>(
            () => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync).Bounded();
        using var stream = gateway.LocalInvoker.AsyncServerStreamingCall(EchoMethods.ServerStream, default, new EchoRequest { ResponseCount = 1 });

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.True(await stream.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        await holding.CancelAsync();
    }

    [Fact]
    public void TryEnterAll_SecondLimitFull_EntersNeither()
    {
        var counters = new ConcurrencyCounters();
        var agent = counters.Limit("agent a", 5);
        var method = counters.Limit("method a/m", 1);
        Assert.Null(ConcurrencyLimit.TryEnterAll([method]));

        var full = ConcurrencyLimit.TryEnterAll([agent, method]);

        Assert.Same(method, full);
        Assert.Equal(0, agent.Counter.InFlight);
        Assert.Equal(1, method.Counter.InFlight);
    }

    [Fact]
    public void Limit_SameScopeAfterAReload_SharesTheCounter()
    {
        var counters = new ConcurrencyCounters();
        var before = counters.Limit("agent a", 1);
        Assert.Null(ConcurrencyLimit.TryEnterAll([before]));

        var after = counters.Limit("agent a", 1);

        Assert.Same(after, ConcurrencyLimit.TryEnterAll([after]));
    }
}
