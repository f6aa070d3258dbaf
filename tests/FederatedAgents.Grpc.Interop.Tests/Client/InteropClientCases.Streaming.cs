using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Interop.Tests.Client;

/// <summary>The streaming and cancellation cases.</summary>
internal static partial class InteropClientCases
{
    private static readonly (int ResponseSize, int RequestSize)[] s_pingPongSizes = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)];

    private static async Task ClientStreamingAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, default);
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) }).Bounded();
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Equal(74922, (await call.ResponseAsync.Bounded()).AggregatedPayloadSize);
    }

    private static async Task ServerStreamingAsync(CallInvoker invoker)
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));

        using var call = invoker.AsyncServerStreamingCall(TestServiceMethods.StreamingOutputCall, default, request);
        var responses = await ReadAllAsync(call.ResponseStream);

        Assert.Equal(sizes, responses.Select(r => r.Payload.Body.Length));
        Assert.All(responses, r => AssertZeros(r.Payload.Body.Length, r.Payload));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task PingPongAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, default);
        foreach (var (responseSize, requestSize) in s_pingPongSizes)
        {
            await call.RequestStream.WriteAsync(StreamingRequest(responseSize, requestSize)).Bounded();
            Assert.True(await call.ResponseStream.MoveNext().Bounded(), $"No response to the {requestSize}-byte request.");
            AssertZeros(responseSize, call.ResponseStream.Current.Payload);
        }

        await call.RequestStream.CompleteAsync().Bounded();

        Assert.False(await call.ResponseStream.MoveNext().Bounded(), "More than four responses.");
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task EmptyStreamAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, default);
        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Empty(await ReadAllAsync(call.ResponseStream));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task CancelAfterBeginAsync(CallInvoker invoker)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, new CallOptions(cancellationToken: cancellation.Token));
        await cancellation.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    private static async Task CancelAfterFirstResponseAsync(CallInvoker invoker)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, new CallOptions(cancellationToken: cancellation.Token));
        await call.RequestStream.WriteAsync(StreamingRequest(31415, 27182)).Bounded();
        Assert.True(await call.ResponseStream.MoveNext().Bounded(), "No first response.");
        AssertZeros(31415, call.ResponseStream.Current.Payload);

        await cancellation.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().Bounded());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    private static async Task TimeoutOnSleepingServerAsync(CallInvoker invoker)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1));
        using var call = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, options);
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) }).Bounded();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the request is written; the call's status must say so either way.
        }

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().Bounded());

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    private static StreamingOutputCallRequest StreamingRequest(int responseSize, int requestSize) => new()
    {
        ResponseParameters = { new ResponseParameters { Size = responseSize } },
        Payload = Zeros(requestSize),
    };

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncStreamReader<T> stream)
    {
        var messages = new List<T>();
        while (await stream.MoveNext().Bounded())
        {
            messages.Add(stream.Current);
        }

        return messages;
    }
}
