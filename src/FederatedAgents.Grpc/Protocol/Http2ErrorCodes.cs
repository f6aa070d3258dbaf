namespace FederatedAgents.Grpc.Protocol;

/// <summary>
/// RST_STREAM and GOAWAY error codes (RFC 9113 §7) as gRPC status codes
/// (grpc/grpc doc/PROTOCOL-HTTP2.md, "Errors").
/// </summary>
public static class Http2ErrorCodes
{
    public static StatusCode ToStatusCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,          // REFUSED_STREAM: not processed, safe to retry
        0x8 => StatusCode.Cancelled,            // CANCEL
        0xb => StatusCode.ResourceExhausted,    // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,     // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };
}
