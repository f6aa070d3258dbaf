using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>The client against an independent gRPC implementation (grpc-js): all call types, metadata, errors, deadlines, connections.</summary>
public class GrpcJsInteropTests(GrpcJsServer server) : IClassFixture<GrpcJsServer>
{
    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private static async Task<List<EchoResponse>> ReadAllAsync(IAsyncStreamReader<EchoResponse> stream)
    {
        var responses = new List<EchoResponse>();
        while (await stream.MoveNext(TestToken).Bounded())
        {
            responses.Add(stream.Current);
        }

        return responses;
    }

    [Fact]
    public async Task AsyncUnaryCall_MetadataBothWays_EchoedInHeadersAndTrailers()
    {
        using var channel = server.CreateChannel();
        var headers = new Metadata()
            .Add("x-echo-text", "plain value")
            .Add("x-echo-data-bin", [0, 1, 2, 0xfe, 0xff])
            .Add("x-trailer-text", "after")
            .Add("x-trailer-data-bin", [9, 8, 7]);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(headers), new EchoRequest { Message = "hello" });
        var response = await call.ResponseAsync.Bounded();
        var responseHeaders = await call.ResponseHeadersAsync.Bounded();

        Assert.Equal("hello", response.Message);
        Assert.Equal("plain value", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal([0, 1, 2, 0xfe, 0xff], responseHeaders.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("after", call.GetTrailers().GetValue("x-trailer-text"));
        Assert.Equal([9, 8, 7], call.GetTrailers().GetValueBytes("x-trailer-data-bin"));
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerFailsWithSpecialCharacters_StatusAndMessageIntact()
    {
        using var channel = server.CreateChannel();
        var request = new EchoRequest { Message = "fail", StatusCode = (int)StatusCode.FailedPrecondition, StatusMessage = SpecialMessage };

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, default, request);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(SpecialMessage, ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_UnknownMethod_IsUnimplemented()
    {
        using var channel = server.CreateChannel();
        var missing = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "federatedagents.testing.Echo", "Missing",
            EchoMethods.Unary.RequestMarshaller, EchoMethods.Unary.ResponseMarshaller);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(missing, default, new EchoRequest());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_Repeat_ReadsEveryMessageThenTheError()
    {
        using var channel = server.CreateChannel();
        var request = new EchoRequest { Message = "m", ResponseCount = 5, StatusCode = (int)StatusCode.DataLoss, StatusMessage = "done: 100%" };

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoMethods.ServerStream, default, request);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(call.ResponseStream));

        Assert.Equal(StatusCode.DataLoss, ex.StatusCode);
        Assert.Equal("done: 100%", ex.Status.Detail);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_Repeat_ReadsMessagesInOrder()
    {
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoMethods.ServerStream, default, new EchoRequest { Message = "m", ResponseCount = 5 });
        var responses = await ReadAllAsync(call.ResponseStream);

        Assert.Equal(["m:0", "m:1", "m:2", "m:3", "m:4"], responses.Select(r => r.Message));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncClientStreamingCall_WithGzip_ServerJoinsTheMessages()
    {
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoMethods.ClientStream, new CallOptions { RequestCompression = "gzip" });
        foreach (var message in new[] { "a", new string('b', 2000), "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = message }, TestToken).Bounded();
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Equal($"a,{new string('b', 2000)},c", (await call.ResponseAsync.Bounded()).Message);
    }

    [Fact]
    public async Task AsyncDuplexStreamingCall_PingPong_AnswersEachRequestBeforeTheNext()
    {
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, default);
        for (var i = 0; i < 4; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"ping {i}" }, TestToken).Bounded();
            Assert.True(await call.ResponseStream.MoveNext(TestToken).Bounded());
            Assert.Equal($"ping {i}", call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Empty(await ReadAllAsync(call.ResponseStream));
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipRequest_LargePayloadRoundTrips()
    {
        using var channel = server.CreateChannel();
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i % 7)).ToArray());

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions { RequestCompression = "gzip" }, new EchoRequest { Payload = payload });

        Assert.Equal(payload, (await call.ResponseAsync.Bounded()).Payload);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerSleepsPastDeadline_DeadlineExceeded()
    {
        using var channel = server.CreateChannel();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300));

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, options, new EchoRequest { SleepMs = 5000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_Cancelled_ServerObservesTheCancellation()
    {
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var id = Guid.NewGuid().ToString();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        using var call = invoker.AsyncUnaryCall(EchoMethods.Unary, new CallOptions(cancellationToken: cancellation.Token), new EchoRequest { Message = id, SleepMs = 20_000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        var outcome = "unknown";
        for (var attempt = 0; attempt < 100 && outcome != "cancelled"; attempt++)
        {
            await Task.Delay(50, TestToken);
            outcome = (await invoker.AsyncUnaryCall(EchoMethods.Outcome, default, new EchoRequest { Message = id }).ResponseAsync.Bounded()).Message;
        }

        Assert.Equal("cancelled", outcome);
    }

    [Fact]
    public async Task AsyncUnaryCall_SequentialCalls_ReuseOneConnection()
    {
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var peers = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            using var call = invoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "hi" });
            peers.Add((await call.ResponseAsync.Bounded()).Peer);
        }

        Assert.Single(peers);
    }

    [Fact]
    public async Task AsyncUnaryCall_ConcurrentCallsOverStreamLimit_AllSucceedOnSeveralConnections()
    {
        using var channel = server.CreateChannel(limited: true);
        var invoker = channel.CreateCallInvoker();

        var calls = Enumerable.Range(0, 4)
            .Select(i => invoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = $"call {i}", SleepMs = 500 }))
            .ToList();
        var responses = await Task.WhenAll(calls.Select(c => c.ResponseAsync)).Bounded();
        calls.ForEach(c => c.Dispose());

        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"call {i}"), responses.Select(r => r.Message));
        Assert.True(responses.Select(r => r.Peer).Distinct().Count() > 1, "expected more than one connection");
    }
}
