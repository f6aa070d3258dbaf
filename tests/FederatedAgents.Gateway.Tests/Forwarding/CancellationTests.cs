using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>Cancellation crosses the gateway both ways: a caller's reset reaches the agent's handler, an agent's reset reaches the caller as a status.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task CallerCancelsUnary_AgentHandlerObservesTheCancellation()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address)));
        using var cancellation = new CancellationTokenSource();

        var call = gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, new CallOptions(cancellationToken: cancellation.Token), new EchoRequest { Message = "c-unary", WaitForCancellation = true });
        await agent.Observer.WaitAsync(CallEvents.Started, "c-unary");
        await cancellation.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync).Bounded();
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await agent.Observer.WaitAsync(CallEvents.Cancelled, "c-unary");
        await gateway.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task CallerAbandonsClientStream_AgentReaderObservesTheCancellation()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address)));

        var call = gateway.LocalInvoker.AsyncClientStreamingCall(EchoMethods.ClientStream, default);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "c-stream" }, TestContext.Current.CancellationToken).Bounded();
        await agent.Observer.WaitAsync(CallEvents.Started, "c-stream");
        call.Dispose();

        await agent.Observer.WaitAsync(CallEvents.Cancelled, "c-stream");
        await gateway.WaitUntilIdleAsync();
    }

    [Theory]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    public async Task AgentResetsItsStreamAfterAMessage_CallerGetsTheMessageThenTheMappedStatus(int errorCode, StatusCode expected)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await TestEndpoint.StartAsync(async context =>
        {
            await MisbehavingAgent.WriteMessageAsync(context, new EchoResponse { Message = "first" });
            await go.Task;
            context.Features.GetRequiredFeature<IHttpResetFeature>().Reset(errorCode);
        });
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address)));

        using var call = gateway.LocalInvoker.AsyncServerStreamingCall(EchoMethods.ServerStream, default, new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        go.SetResult();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)).Bounded();

        Assert.Equal("first", call.ResponseStream.Current.Message);
        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains("'echo'", ex.Status.Detail);
        await gateway.WaitUntilIdleAsync();
    }
}
