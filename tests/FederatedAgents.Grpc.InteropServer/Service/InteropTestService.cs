using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.Interop;
using Google.Protobuf;

namespace FederatedAgents.Grpc.InteropServer.Service;

/// <summary>
/// <c>grpc.testing.TestService</c> as grpc/grpc doc/interop-test-descriptions.md ("Server") defines it:
/// payloads of zeros in the requested sizes, Echo Status, Echo Metadata, interval_us, and compression
/// where a request asks for it. <c>UnimplementedCall</c> stays unimplemented on purpose.
/// </summary>
[UnimplementedMethods("UnimplementedCall")]
internal sealed class InteropTestService(TimeProvider time)
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor =
        TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService");

    public async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await InteropCall.EchoMetadataAsync(context);
        return new Empty();
    }

    public async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        InteropCall.RequireCompression(request.ExpectCompressed, context);
        InteropCall.RequireCompressablePayload(request.ResponseType);
        if (request.ResponseCompressed?.Value == true)
        {
            context.ResponseCompressionAlgorithm = InteropCall.Gzip;
        }

        await InteropCall.EchoMetadataAsync(context);
        InteropCall.ThrowRequestedStatus(request.ResponseStatus);
        return new SimpleResponse { Payload = InteropCall.Zeros(request.ResponseSize) };
    }

    /// <summary>Answers with the current time in nanoseconds, marked cacheable for a proxy (max-age 60 s).</summary>
    public async Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context)
    {
        context.GetHttpContext().Response.Headers.CacheControl = "max-age=60";
        await InteropCall.EchoMetadataAsync(context);
        var nanoseconds = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        return new SimpleResponse
        {
            Payload = new Payload { Body = ByteString.CopyFromUtf8(nanoseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        };
    }

    public async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await InteropCall.EchoMetadataAsync(context);
        await RespondAsync(request, responseStream, context);
    }

    public async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        await InteropCall.EchoMetadataAsync(context);
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            InteropCall.RequireCompression(requestStream.Current.ExpectCompressed, context);
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    /// <summary>Answers each request as it arrives; ends OK after the client half-closes.</summary>
    public async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await InteropCall.EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await RespondAsync(requestStream.Current, responseStream, context);
        }
    }

    /// <summary>Reads every request until the client half-closes, then answers them in order.</summary>
    public async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await InteropCall.EchoMetadataAsync(context);
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        foreach (var request in requests)
        {
            await RespondAsync(request, responseStream, context);
        }
    }

    /// <summary>Ends the call with the request's status if it asks for one; otherwise one response per parameter, each after its interval.</summary>
    private async Task RespondAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        InteropCall.RequireCompressablePayload(request.ResponseType);
        InteropCall.ThrowRequestedStatus(request.ResponseStatus);
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), time, context.CancellationToken);
            }

            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = InteropCall.Zeros(parameters.Size) }, context.CancellationToken);
        }
    }
}
