using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>A channel reuses its HTTP/2 connection, and opens more only when the server's stream limit is reached.</summary>
public class ConnectionTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);

    [Fact]
    public async Task AsyncUnaryCall_ManySequentialCalls_ShareOneConnection()
    {
        await using var endpoint = await TestEndpoint.StartAsync(context => GrpcWire.ReplyAsync(context, "pong"));
        using var channel = endpoint.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        for (var i = 0; i < 20; i++)
        {
            using var call = invoker.AsyncUnaryCall(s_unary, default, "ping");
            Assert.Equal("pong", await call.ResponseAsync.Bounded());
        }

        Assert.Equal(20, endpoint.RequestCount);
        Assert.Equal(1, endpoint.ConnectionCount);
    }

    [Fact]
    public async Task AsyncUnaryCall_MoreConcurrentCallsThanStreamLimit_OpensMoreConnections()
    {
        const int Calls = 3;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var endpoint = await TestEndpoint.StartAsync(
            async context =>
            {
                // Every call stays open until all are in flight at once, so each needs its own stream slot.
                if (Interlocked.Increment(ref arrived) == Calls)
                {
                    allArrived.SetResult();
                }

                await allArrived.Task.WaitAsync(context.RequestAborted);
                await GrpcWire.ReplyAsync(context, "pong");
            },
            kestrel => kestrel.Limits.Http2.MaxStreamsPerConnection = 1);
        using var channel = endpoint.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var calls = Enumerable.Range(0, Calls).Select(_ => invoker.AsyncUnaryCall(s_unary, default, "ping")).ToList();
        var responses = await Task.WhenAll(calls.Select(c => c.ResponseAsync)).Bounded();

        Assert.All(responses, r => Assert.Equal("pong", r));
        Assert.Equal(Calls, endpoint.ConnectionCount);
        calls.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task AsyncUnaryCall_MultipleConnectionsDisabled_QueuesOnOneConnection()
    {
        await using var endpoint = await TestEndpoint.StartAsync(
            async context =>
            {
                await Task.Delay(50, context.RequestAborted);
                await GrpcWire.ReplyAsync(context, "pong");
            },
            kestrel => kestrel.Limits.Http2.MaxStreamsPerConnection = 1);
        using var channel = endpoint.CreateChannel(new GrpcChannelOptions { EnableMultipleHttp2Connections = false });
        var invoker = channel.CreateCallInvoker();

        var calls = Enumerable.Range(0, 3).Select(_ => invoker.AsyncUnaryCall(s_unary, default, "ping")).ToList();
        var responses = await Task.WhenAll(calls.Select(c => c.ResponseAsync)).Bounded();

        Assert.All(responses, r => Assert.Equal("pong", r));
        Assert.Equal(1, endpoint.ConnectionCount);
        calls.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AsyncUnaryCall_IdleConnectionDuringLongCall_KeepAlivePingsOnlyWhenConfigured(bool keepAlive)
    {
        // Counted while the call is idle, before the reply: .NET also pings to estimate RTT when DATA arrives.
        PingCountingProxy? proxy = null;
        var idlePings = -1;
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            await GrpcWire.ReadMessagesAsync(context);
            var before = proxy!.PingCount;
            await Task.Delay(TimeSpan.FromSeconds(2.5), context.RequestAborted);
            idlePings = proxy.PingCount - before;
            await GrpcWire.WriteMessageAsync(context, "late");
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        await using var relay = proxy = new PingCountingProxy(endpoint.Address);
        var options = keepAlive ? new GrpcChannelOptions { KeepAlivePingDelay = TimeSpan.FromSeconds(1) } : null;
        using var channel = GrpcChannel.ForAddress(relay.Address, options);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");

        Assert.Equal("late", await call.ResponseAsync.Bounded());
        Assert.Equal(keepAlive, idlePings > 0);
    }
}
