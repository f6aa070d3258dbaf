using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.Tests.Client;

public class DeadlineAndCancellationTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);
    private static readonly Method<string, string> s_serverStreaming = GrpcWire.Method(MethodType.ServerStreaming);

    /// <summary>
    /// A server that never finishes (after sending <paramref name="firstMessage"/>, if any): it reports
    /// the request's grpc-timeout and when the client resets the stream.
    /// </summary>
    private sealed class HangingServer(string? firstMessage = null)
    {
        public TaskCompletionSource<string?> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reset { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(HttpContext context)
        {
            Received.TrySetResult(context.Request.Headers[GrpcProtocol.TimeoutHeader].FirstOrDefault());
            try
            {
                if (firstMessage is not null)
                {
                    await GrpcWire.WriteMessageAsync(context, firstMessage);
                }

                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Reset.TrySetResult();
            }
        }
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerSlowerThanDeadline_DeadlineExceededAndStreamReset()
    {
        var server = new HangingServer();
        await using var endpoint = await TestEndpoint.StartAsync(server.HandleAsync);
        using var channel = endpoint.CreateChannel();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300));

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, options, "ping");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await server.Reset.Task.Bounded();
        Assert.True(GrpcTimeout.TryParse(await server.Received.Task.Bounded(), out var timeout));
        Assert.InRange(timeout, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task AsyncUnaryCall_FakeClockPassesDeadline_DeadlineExceededOnlyThen()
    {
        var clock = new FakeTimeProvider();
        var server = new HangingServer();
        await using var endpoint = await TestEndpoint.StartAsync(server.HandleAsync);
        using var channel = endpoint.CreateChannel(new GrpcChannelOptions { TimeProvider = clock });
        var options = new CallOptions(deadline: clock.GetUtcNow().UtcDateTime.AddSeconds(10));

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, options, "ping");
        var header = await server.Received.Task.Bounded();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(call.ResponseAsync.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromSeconds(10), timeout);
        await server.Reset.Task.Bounded();
    }

    [Fact]
    public async Task AsyncUnaryCall_DeadlineAlreadyPassed_FailsWithoutSending()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "pong"));
        using var channel = endpoint.CreateChannel();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1));

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, options, "ping");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(0, endpoint.RequestCount);
    }

    [Fact]
    public void AsyncUnaryCall_LocalDeadline_IsRejected()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var options = new CallOptions(deadline: DateTime.Now.AddSeconds(5));

        var ex = Assert.Throws<ArgumentException>(() => channel.CreateCallInvoker().AsyncUnaryCall(s_unary, options, "ping"));

        Assert.Contains("UTC", ex.Message);
    }

    [Fact]
    public async Task AsyncUnaryCall_TokenCancelled_CancelledAndStreamReset()
    {
        var server = new HangingServer();
        await using var endpoint = await TestEndpoint.StartAsync(server.HandleAsync);
        using var channel = endpoint.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, new CallOptions(cancellationToken: cancellation.Token), "ping");
        await server.Received.Task.Bounded();
        await cancellation.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.Reset.Task.Bounded();
    }

    [Fact]
    public async Task AsyncUnaryCall_TokenAlreadyCancelled_FailsWithoutSending()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "pong"));
        using var channel = endpoint.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, new CallOptions(cancellationToken: new CancellationToken(true)), "ping");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal(0, endpoint.RequestCount);
    }

    [Fact]
    public async Task Dispose_ServerStreamingAfterFirstMessage_CancelsAndResetsStream()
    {
        var server = new HangingServer(firstMessage: "first");
        await using var endpoint = await TestEndpoint.StartAsync(server.HandleAsync);
        using var channel = endpoint.CreateChannel();
        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(s_serverStreaming, default, "ping");

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());
        call.Dispose();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await server.Reset.Task.Bounded();
    }

    [Fact]
    public async Task MoveNext_ItsTokenCancelled_CancelsTheCall()
    {
        var server = new HangingServer();
        await using var endpoint = await TestEndpoint.StartAsync(server.HandleAsync);
        using var channel = endpoint.CreateChannel();
        using var cancellation = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(s_serverStreaming, default, "ping");

        var moveNext = call.ResponseStream.MoveNext(cancellation.Token);
        await server.Received.Task.Bounded();
        await cancellation.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => moveNext.Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.Reset.Task.Bounded();
    }
}
