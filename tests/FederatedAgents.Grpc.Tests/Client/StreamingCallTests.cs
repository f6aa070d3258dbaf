using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.Tests.Client;

public class StreamingCallTests
{
    private static readonly Method<string, string> s_serverStreaming = GrpcWire.Method(MethodType.ServerStreaming);
    private static readonly Method<string, string> s_clientStreaming = GrpcWire.Method(MethodType.ClientStreaming);
    private static readonly Method<string, string> s_duplex = GrpcWire.Method(MethodType.DuplexStreaming);

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AsyncServerStreamingCall_MessagesThenError_ReadsAllThenThrowsStatusWithTrailers()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            var request = Assert.Single(await GrpcWire.ReadMessagesAsync(context));
            for (var i = 0; i < 3; i++)
            {
                await GrpcWire.WriteMessageAsync(context, $"{request}:{i}");
            }

            context.Response.AppendTrailer("x-count", "3");
            GrpcWire.EndCall(context, StatusCode.Aborted, "stopped after three");
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(s_serverStreaming, default, "m");

        var received = new List<string>();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestToken))
            {
                received.Add(call.ResponseStream.Current);
            }
        }).Bounded();

        Assert.Equal(["m:0", "m:1", "m:2"], received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("stopped after three", call.GetStatus().Detail);
        Assert.Equal("3", call.GetTrailers().GetValue("x-count"));
    }

    [Fact]
    public async Task AsyncServerStreamingCall_TrailersOnlyOk_EndsWithoutMessages()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.TrailersOnly(context, StatusCode.OK));
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(s_serverStreaming, default, "m");

        Assert.False(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.False(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncClientStreamingCall_WritesThenCompletes_ServerGetsEveryMessage()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            var messages = await GrpcWire.ReadMessagesAsync(context);
            await GrpcWire.WriteMessageAsync(context, string.Join(",", messages));
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(s_clientStreaming, default);

        foreach (var message in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(message, TestToken).Bounded();
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Equal("a,b,c", await call.ResponseAsync.Bounded());
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("d", TestToken).Bounded());
    }

    [Fact]
    public async Task AsyncClientStreamingCall_ServerAnswersEarly_ResponseArrivesAndLaterWritesFail()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            await GrpcWire.WriteMessageAsync(context, "early");
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(s_clientStreaming, default);

        Assert.Equal("early", await call.ResponseAsync.Bounded());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("late", TestToken).Bounded());

        Assert.Contains("already ended", ex.Message);
    }

    [Fact]
    public async Task AsyncClientStreamingCall_ServerFails_WriteThrowsTheStatus()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.TrailersOnly(context, StatusCode.InvalidArgument, "bad"));
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(s_clientStreaming, default);

        var responseEx = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());
        var writeEx = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync("late", TestToken).Bounded());

        Assert.Equal(StatusCode.InvalidArgument, responseEx.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, writeEx.StatusCode);
    }

    [Fact]
    public async Task AsyncDuplexStreamingCall_PingPong_EachResponseArrivesBeforeTheRequestStreamEnds()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            var reader = GrpcWire.RequestReader(context);
            while (await GrpcWire.ReadMessageAsync(reader, context) is { } message)
            {
                await GrpcWire.WriteMessageAsync(context, message.ToUpperInvariant());
            }

            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(s_duplex, default);

        foreach (var message in new[] { "ping", "pong", "done" })
        {
            await call.RequestStream.WriteAsync(message, TestToken).Bounded();
            Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());
            Assert.Equal(message.ToUpperInvariant(), call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.False(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncDuplexStreamingCall_ServerSendsFirst_HeadersAndMessageArriveBeforeAnyWrite()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            context.Response.Headers["x-greeting"] = "hello";
            await GrpcWire.WriteMessageAsync(context, "welcome");
            await GrpcWire.ReadMessagesAsync(context);
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(s_duplex, default);

        Assert.Equal("hello", (await call.ResponseHeadersAsync.Bounded()).GetValue("x-greeting"));
        Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());
        Assert.Equal("welcome", call.ResponseStream.Current);
        await call.RequestStream.CompleteAsync().Bounded();
        Assert.False(await call.ResponseStream.MoveNext(TestToken).Bounded());
    }

    [Fact]
    public async Task WriteAsync_AfterCompleteAsync_Throws()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "ok"));
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(s_clientStreaming, default);

        await call.RequestStream.CompleteAsync().Bounded();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("x", TestToken).Bounded());

        Assert.Contains("CompleteAsync", ex.Message);
        Assert.Equal("ok", await call.ResponseAsync.Bounded());
    }
}
