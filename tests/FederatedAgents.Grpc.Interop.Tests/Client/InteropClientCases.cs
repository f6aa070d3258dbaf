using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Interop.Tests.Client;

/// <summary>
/// The 14 portable cases of grpc/grpc doc/interop-test-descriptions.md ("Client") on this project's client.
/// Each case asserts what the description lists and fails the test on the first difference. Split into
/// unary cases (here) and streaming cases.
/// </summary>
internal static partial class InteropClientCases
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoInitialValue = "test_initial_metadata_value";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private const string TestStatusMessage = "test status message";
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n";

    private static readonly byte[] s_echoTrailingValue = [0xab, 0xab, 0xab];

    private static readonly Dictionary<string, Func<CallInvoker, Task>> s_cases = new(StringComparer.Ordinal)
    {
        ["empty_unary"] = EmptyUnaryAsync,
        ["large_unary"] = LargeUnaryAsync,
        ["client_streaming"] = ClientStreamingAsync,
        ["server_streaming"] = ServerStreamingAsync,
        ["ping_pong"] = PingPongAsync,
        ["empty_stream"] = EmptyStreamAsync,
        ["cancel_after_begin"] = CancelAfterBeginAsync,
        ["cancel_after_first_response"] = CancelAfterFirstResponseAsync,
        ["timeout_on_sleeping_server"] = TimeoutOnSleepingServerAsync,
        ["custom_metadata"] = CustomMetadataAsync,
        ["status_code_and_message"] = StatusCodeAndMessageAsync,
        ["special_status_message"] = SpecialStatusMessageAsync,
        ["unimplemented_method"] = invoker => ExpectUnimplementedAsync(invoker, TestServiceMethods.UnimplementedCall),
        ["unimplemented_service"] = invoker => ExpectUnimplementedAsync(invoker, TestServiceMethods.UnimplementedServiceCall),
    };

    public static Task RunAsync(string testCase, CallInvoker invoker) => s_cases[testCase](invoker);

    private static async Task EmptyUnaryAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncUnaryCall(TestServiceMethods.EmptyCall, default, new Empty());

        Assert.NotNull(await call.ResponseAsync.Bounded());
    }

    private static async Task LargeUnaryAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, default, LargeRequest());

        AssertZeros(314159, (await call.ResponseAsync.Bounded()).Payload);
    }

    private static async Task CustomMetadataAsync(CallInvoker invoker)
    {
        using (var call = invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, new CallOptions(EchoMetadata()), LargeRequest()))
        {
            AssertZeros(314159, (await call.ResponseAsync.Bounded()).Payload);
            await AssertMetadataEchoedAsync(call);
        }

        using var duplex = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, new CallOptions(EchoMetadata()));
        await duplex.RequestStream.WriteAsync(StreamingRequest(314159, 271828)).Bounded();
        await duplex.RequestStream.CompleteAsync().Bounded();
        var responses = await ReadAllAsync(duplex.ResponseStream);

        AssertZeros(314159, Assert.Single(responses).Payload);
        await AssertMetadataEchoedAsync(duplex);
    }

    private static async Task StatusCodeAndMessageAsync(CallInvoker invoker)
    {
        var status = new EchoStatus { Code = (int)StatusCode.Unknown, Message = TestStatusMessage };
        await ExpectUnaryStatusAsync(invoker, status);

        using var duplex = invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, default);
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status }).Bounded();
        await duplex.RequestStream.CompleteAsync().Bounded();
        var ex = await Assert.ThrowsAsync<RpcException>(() => duplex.ResponseStream.MoveNext().Bounded());

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal(TestStatusMessage, ex.Status.Detail);
    }

    private static Task SpecialStatusMessageAsync(CallInvoker invoker) =>
        ExpectUnaryStatusAsync(invoker, new EchoStatus { Code = (int)StatusCode.Unknown, Message = SpecialStatusMessage });

    private static async Task ExpectUnaryStatusAsync(CallInvoker invoker, EchoStatus status)
    {
        using var call = invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, default, new SimpleRequest { ResponseStatus = status });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal((StatusCode)status.Code, ex.StatusCode);
        Assert.Equal(status.Message, ex.Status.Detail);
    }

    private static async Task ExpectUnimplementedAsync(CallInvoker invoker, Method<Empty, Empty> method)
    {
        using var call = invoker.AsyncUnaryCall(method, default, new Empty());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    private static SimpleRequest LargeRequest() => new() { ResponseSize = 314159, Payload = Zeros(271828) };

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static void AssertZeros(int size, Payload? payload)
    {
        Assert.NotNull(payload);
        Assert.Equal(size, payload.Body.Length);
        Assert.True(payload.Body.Span.IndexOfAnyExcept((byte)0) < 0, "The payload is not all zeros.");
    }

    private static Metadata EchoMetadata() =>
        new Metadata().Add(EchoInitialKey, EchoInitialValue).Add(EchoTrailingKey, s_echoTrailingValue);

    private static async Task AssertMetadataEchoedAsync(AsyncCall call)
    {
        Assert.Equal(EchoInitialValue, Assert.Single((await call.ResponseHeadersAsync.Bounded()).GetAll(EchoInitialKey)).Value);
        Assert.Equal(s_echoTrailingValue, Assert.Single(call.GetTrailers().GetAll(EchoTrailingKey)).ValueBytes);
    }
}
