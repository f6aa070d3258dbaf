using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>The four call shapes through a real gateway to a real agent (the Echo service on this project's server), over h2c.</summary>
public sealed class CallShapeTests : IAsyncLifetime
{
    private GrpcTestServer _agent = null!;
    private GatewayHost _gateway = null!;

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _agent = await GrpcTestServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _agent.Address)));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Unary_ThroughGateway_ReturnsTheAgentsResponse()
    {
        var payload = ByteString.CopyFrom(new byte[3000]);

        var response = await _gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "hello", Payload = payload }).ResponseAsync.Bounded();

        Assert.Equal("hello", response.Message);
        Assert.Equal(payload, response.Payload);
    }

    [Fact]
    public async Task ServerStream_ThroughGateway_DeliversEveryMessageThenOk()
    {
        using var call = _gateway.LocalInvoker.AsyncServerStreamingCall(EchoMethods.ServerStream, default, new EchoRequest { Message = "s", ResponseCount = 5 });

        var indexes = new List<int>();
        while (await call.ResponseStream.MoveNext(TestToken).Bounded())
        {
            indexes.Add(call.ResponseStream.Current.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStream_ThroughGateway_AgentReceivesEveryMessage()
    {
        using var call = _gateway.LocalInvoker.AsyncClientStreamingCall(EchoMethods.ClientStream, default);
        foreach (var message in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = message }, TestToken).Bounded();
        }

        await call.RequestStream.CompleteAsync().Bounded();
        var response = await call.ResponseAsync.Bounded();

        Assert.Equal("a,b,c", response.Message);
        Assert.Equal(3, response.Received);
    }

    [Fact]
    public async Task Duplex_PingPong_EachReplyArrivesBeforeTheNextRequestIsSent()
    {
        using var call = _gateway.LocalInvoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, default);

        foreach (var ping in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = ping }, TestToken).Bounded();
            Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());
            Assert.Equal(ping, call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync().Bounded();
        Assert.False(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_AgentEndsTheCallWhileTheCallerStillSends_CallerGetsTheStatusAndNothingIsLeftBehind()
    {
        using var call = _gateway.LocalInvoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, default);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "ok" }, TestToken).Bounded();
        Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());

        await call.RequestStream.WriteAsync(new EchoRequest { StatusCode = (int)StatusCode.FailedPrecondition, StatusMessage = "enough" }, TestToken).Bounded();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestToken)).Bounded();

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("enough", ex.Status.Detail);
        await _gateway.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task Unary_LargeMessagesBothWays_ArriveWhole()
    {
        var payload = ByteString.CopyFrom(RandomBytes(3 * 1024 * 1024));

        var response = await _gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, default, new EchoRequest { Message = "big", Payload = payload }).ResponseAsync.Bounded();

        Assert.Equal(payload, response.Payload);
    }

    [Fact]
    public async Task Metadata_TextAndBinary_ReachTheAgentAndComeBackInHeadersAndTrailers()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255 };
        var headers = new Metadata().Add("x-echo-text", "from the caller").Add("x-echo-bin", binary);

        using var call = _gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, new CallOptions(headers), new EchoRequest { Message = "m" });
        var responseHeaders = await call.ResponseHeadersAsync.Bounded();
        await call.ResponseAsync.Bounded();

        Assert.Equal("from the caller", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-bin"));
        Assert.Equal("from the caller", call.GetTrailers().GetValue("x-echo-text"));
        Assert.Equal(binary, call.GetTrailers().GetValueBytes("x-echo-bin"));
    }

    [Fact]
    public async Task AgentError_AfterMessages_CallerGetsTheMessagesThenTheStatusAndTrailers()
    {
        var request = new EchoRequest { Message = "fail-late", ResponseCount = 2, StatusCode = (int)StatusCode.Aborted, StatusMessage = "stopped ✓ 100%" };
        using var call = _gateway.LocalInvoker.AsyncServerStreamingCall(EchoMethods.ServerStream, default, request);

        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestToken))
            {
                received++;
            }
        }).Bounded();

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("stopped ✓ 100%", ex.Status.Detail);
        Assert.Equal("requested", ex.Trailers.GetValue("x-failure-reason"));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
