using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// The status a caller gets when the hop to the agent fails. Messages name the agent, never its addresses or
/// the transport's own text (which may carry them): they can reach partners. The log has the details.
/// </summary>
internal static class UpstreamFailures
{
    public static Status ToStatus(Exception exception, string agent)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is RpcException refused)
            {
                // The gateway itself stopped the request body (a message it could not filter).
                return refused.Status;
            }

            if (inner is HttpProtocolException protocol)
            {
                var code = Http2ErrorCodes.ToStatusCode(protocol.ErrorCode);
                return new Status(code, code == StatusCode.Cancelled
                    ? $"Agent '{agent}' cancelled the call."
                    : $"Agent '{agent}' reset the call (HTTP/2 error 0x{protocol.ErrorCode:x}).");
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } =>
                new(StatusCode.Unavailable, $"Agent '{agent}' is unavailable: the gateway cannot connect to it."),
            HttpRequestException { HttpRequestError: HttpRequestError.VersionNegotiationError } =>
                new(StatusCode.Unavailable, $"Agent '{agent}' is unavailable: it does not speak HTTP/2."),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } or HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse } =>
                new(StatusCode.Internal, $"Agent '{agent}' sent an invalid HTTP/2 response."),
            HttpRequestException or IOException =>
                new(StatusCode.Unavailable, $"The connection to agent '{agent}' was lost."),
            _ => new(StatusCode.Internal, $"The gateway failed to forward the call to agent '{agent}'."),
        };
    }
}
