using System.Net;
using System.Net.Sockets;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Health;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>
/// Agents that are down, crash mid-stream or answer garbage: the caller gets a status that names the agent (never
/// its address), the gateway frees the call and goes on serving other agents.
/// </summary>
public sealed class FailureTests : IAsyncLifetime
{
    private GrpcTestServer _healthy = null!;

    /// <summary>What the agent does; the caller's status; whether the agent first sends a good message.</summary>
    public static TheoryData<string, StatusCode, bool> Misbehaviours => new()
    {
        { "html", StatusCode.Unknown, false },
        { "http-503", StatusCode.Unavailable, false },
        { "bad-frame-prefix", StatusCode.Internal, true },
        { "ends-inside-a-message", StatusCode.Internal, true },
        { "no-grpc-status", StatusCode.Unknown, true },
        { "connection-dropped", StatusCode.Unavailable, true },
    };

    public async ValueTask InitializeAsync() =>
        _healthy = await GrpcTestServer.StartAsync(services => services.AddGrpcHealthChecks(), app => app.MapGrpcHealthChecksService());

    public async ValueTask DisposeAsync() => await _healthy.DisposeAsync();

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task AgentMisbehaves_CallerGetsAMappedStatusAfterTheGoodMessages_GatewayKeepsServing(string behaviour, StatusCode expected, bool goodMessageFirst)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broken = await TestEndpoint.StartAsync(async context =>
        {
            if (goodMessageFirst)
            {
                await MisbehavingAgent.WriteMessageAsync(context, new EchoResponse { Message = "good" });
                await go.Task;
            }

            await MisbehaveAsync(context, behaviour);
        });
        await using var gateway = await StartGatewayAsync(broken.Address);

        using var call = gateway.LocalInvoker.AsyncServerStreamingCall(EchoMethods.ServerStream, default, new EchoRequest());
        if (goodMessageFirst)
        {
            Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
            Assert.Equal("good", call.ResponseStream.Current.Message);
            go.SetResult();
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)).Bounded();

        Assert.Equal(expected, ex.StatusCode);
        Assert.DoesNotContain("127.0.0.1", ex.Status.Detail);
        await AssertStillServingAsync(gateway);
    }

    [Fact]
    public async Task AgentDown_UnavailableNamingTheAgentNotItsAddress()
    {
        await using var gateway = await StartGatewayAsync(new Uri($"http://127.0.0.1:{ClosedPort()}"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("Agent 'broken' is unavailable: the gateway cannot connect to it.", ex.Status.Detail);
        await AssertStillServingAsync(gateway);
    }

    [Fact]
    public async Task AgentShutsDownMidStream_CallerGetsTheMessagesSoFarThenUnavailable()
    {
        var agent = await GrpcTestServer.StartAsync();
        await using var gateway = await StartGatewayAsync(agent.Address);

        using var call = gateway.LocalInvoker.AsyncServerStreamingCall(
            EchoMethods.ServerStream, default, new EchoRequest { Message = "crash", ResponseCount = 2, WaitForCancellation = true });
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        await agent.DisposeAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)).Bounded();

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        await AssertStillServingAsync(gateway);
    }

    private async Task<GatewayHost> StartGatewayAsync(Uri broken)
    {
        var health = GatewayJson.Agent("healthy", _healthy.Address);
        health["Services"] = GatewayJson.Strings(["grpc.health.v1.Health"]);
        return await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("broken", broken), health));
    }

    /// <summary>Another agent is still reachable through the gateway, and no call is left behind.</summary>
    private static async Task AssertStillServingAsync(GatewayHost gateway)
    {
        var response = await new HealthClient(gateway.Local).CheckAsync("").ResponseAsync.Bounded();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        await gateway.WaitUntilIdleAsync();
    }

    private static async Task MisbehaveAsync(HttpContext context, string behaviour)
    {
        switch (behaviour)
        {
            case "html":
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html>not gRPC</html>");
                break;
            case "http-503":
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case "bad-frame-prefix":
                await MisbehavingAgent.WriteBytesAsync(context, [7, 0, 0, 0, 1, 42]);
                MisbehavingAgent.EndWith(context, Status.DefaultSuccess);
                break;
            case "ends-inside-a-message":
                await MisbehavingAgent.WriteBytesAsync(context, [0, 0, 0, 0, 10, 1, 2]);
                MisbehavingAgent.EndWith(context, Status.DefaultSuccess);
                break;
            case "no-grpc-status":
                break;
            case "connection-dropped":
                context.Features.Get<IConnectionLifetimeFeature>()!.Abort();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
