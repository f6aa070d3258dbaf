using FederatedAgents.Grpc.Protocol;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// The status for a call that failed locally or in transport, from the exception it failed with
/// (grpc/grpc doc/PROTOCOL-HTTP2.md, "Errors": HTTP/2 error codes to gRPC status codes).
/// </summary>
internal static class CallFailures
{
    public static readonly Status Cancelled = new(StatusCode.Cancelled, "Call canceled by the client.");

    public static readonly Status DeadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    public static Status ToStatus(Exception exception, Uri address)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RpcException rpc:
                    return rpc.Status;
                case HttpProtocolException protocol:
                    return new Status(Http2ErrorCodes.ToStatusCode(protocol.ErrorCode), protocol.Message);
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError } =>
                new(StatusCode.Unavailable, $"Cannot connect to {address}: {exception.Message}"),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                new(StatusCode.Unavailable, $"TLS handshake with {address} failed: {exception.GetBaseException().Message}"),
            HttpRequestException { HttpRequestError: HttpRequestError.VersionNegotiationError } =>
                new(StatusCode.Unavailable, $"{address} did not accept HTTP/2: {exception.Message}"),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse }
                or HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse } =>
                new(StatusCode.Internal, $"Invalid HTTP/2 response from {address}: {exception.Message}"),
            InvalidProtocolBufferException =>  // an IOException, so before the transport arm
                new(StatusCode.Internal, $"A received message is not valid protobuf: {exception.Message}"),
            HttpRequestException or IOException =>
                new(StatusCode.Unavailable, $"The connection to {address} failed: {exception.Message}"),
            OperationCanceledException => Cancelled,
            _ => new(StatusCode.Internal, $"The call failed in the client: {exception.GetType().Name}: {exception.Message}"),
        };
    }
}
