using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.Interop;
using FederatedAgents.Grpc.Protocol;
using Google.Protobuf;

namespace FederatedAgents.Grpc.InteropServer.Service;

/// <summary>The server features every TestService method shares: payloads, Echo Status, Echo Metadata, compression checks.</summary>
internal static class InteropCall
{
    public const string Gzip = "gzip";

    /// <summary>Sent back as a response header (initial metadata).</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";

    /// <summary>Sent back as a trailer (trailing metadata).</summary>
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    /// <summary>A COMPRESSABLE payload of <paramref name="size"/> zero bytes.</summary>
    public static Payload Zeros(int size)
    {
        if (size < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"A response size of {size} bytes was requested; sizes must not be negative.");
        }

        return new Payload { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
    }

    /// <summary>Echo Metadata: the initial key goes out in the response headers (sent now), the trailing key with the status.</summary>
    public static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.Get(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(trailing);
        }

        if (context.RequestHeaders.Get(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { initial });
        }
    }

    /// <summary>Echo Status: a request carrying a non-OK <c>response_status</c> ends the call with exactly that status.</summary>
    public static void ThrowRequestedStatus(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    /// <summary>Only COMPRESSABLE payloads exist; any other type fails with INVALID_ARGUMENT.</summary>
    public static void RequireCompressablePayload(PayloadType type)
    {
        if (type != PayloadType.Compressable)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"Payload type {type} is not supported; use COMPRESSABLE.");
        }
    }

    /// <summary>
    /// CompressedRequest: when a request says it expects compression, the call must have been sent with a
    /// <c>grpc-encoding</c> other than identity, or it fails with INVALID_ARGUMENT.
    /// </summary>
    public static void RequireCompression(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed?.Value != true)
        {
            return;
        }

        var encoding = context.GetHttpContext().Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length == 0 || encoding == GrpcProtocol.IdentityEncoding)
        {
            throw new RpcException(StatusCode.InvalidArgument, "The request expects to be compressed, but the call has no grpc-encoding.");
        }
    }
}
