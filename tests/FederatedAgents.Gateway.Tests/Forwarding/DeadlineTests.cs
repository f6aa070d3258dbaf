using System.Text.Json.Nodes;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Calls;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>The caller's deadline reaches the agent (never longer), the route's timeout caps it, and the gateway enforces both.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task CallerDeadline_AgentSeesGrpcTimeoutNoLongerThanTheCallers()
    {
        var seen = await TimeoutSeenByAgentAsync(agentTimeout: null, callerTimeout: TimeSpan.FromSeconds(20));

        Assert.NotNull(seen);
        Assert.InRange(seen.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RouteTimeoutShorterThanTheCallers_AgentSeesTheRouteTimeout()
    {
        var seen = await TimeoutSeenByAgentAsync(agentTimeout: "00:00:03", callerTimeout: TimeSpan.FromSeconds(20));

        Assert.NotNull(seen);
        Assert.InRange(seen.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task RouteTimeoutWithoutCallerDeadline_AgentSeesTheRouteTimeout()
    {
        var seen = await TimeoutSeenByAgentAsync(agentTimeout: "00:00:03", callerTimeout: null);

        Assert.InRange(seen!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task NeitherDeadlineNorRouteTimeout_AgentSeesNoGrpcTimeout()
    {
        Assert.Null(await TimeoutSeenByAgentAsync(agentTimeout: null, callerTimeout: null));
    }

    [Fact]
    public async Task AgentHangsPastTheRouteTimeout_CallerGetsDeadlineExceededAndTheAgentIsCancelled()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        var echo = GatewayJson.Agent("echo", agent.Address);
        echo["Timeout"] = "00:00:00.5";
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(echo));

        // No deadline of the caller's own: the DEADLINE_EXCEEDED comes from the gateway.
        var call = gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "hang", WaitForCancellation = true });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync).Bounded();

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await agent.Observer.WaitAsync(CallEvents.Cancelled, "hang");
        await gateway.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task AgentHangsMidStreamPastTheCallersDeadline_MessagesThenDeadlineExceeded()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address)));
        var deadline = DateTime.UtcNow.AddSeconds(1);

        using var call = gateway.LocalInvoker.AsyncServerStreamingCall(
            EchoMethods.ServerStream, new CallOptions(deadline: deadline), new EchoRequest { Message = "stall", ResponseCount = 2, WaitForCancellation = true });
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                received++;
            }
        }).Bounded();

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await agent.Observer.WaitAsync(CallEvents.Cancelled, "stall");
        await gateway.WaitUntilIdleAsync();
    }

    /// <summary>The grpc-timeout header an agent receives for one unary call through the gateway.</summary>
    private static async Task<TimeSpan?> TimeoutSeenByAgentAsync(string? agentTimeout, TimeSpan? callerTimeout)
    {
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await TestEndpoint.StartAsync(context =>
        {
            seen.TrySetResult(context.Request.Headers.GrpcTimeout.Count > 0 ? context.Request.Headers.GrpcTimeout.ToString() : null);
            GrpcResponseHeaders.WriteTrailersOnly(context.Response, new Status(StatusCode.NotFound, "seen"));
            return Task.CompletedTask;
        });
        var echo = GatewayJson.Agent("echo", agent.Address);
        if (agentTimeout is not null)
        {
            echo["Timeout"] = JsonValue.Create(agentTimeout);
        }

        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(echo));
        var options = new CallOptions(deadline: callerTimeout is { } t ? DateTime.UtcNow + t : null);
        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, options, new EchoRequest()).ResponseAsync).Bounded();
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);

        var header = await seen.Task.Bounded();
        return header is null ? null : GrpcTimeout.TryParse(header, out var timeout) ? timeout : throw new InvalidOperationException($"Malformed grpc-timeout '{header}'.");
    }
}
