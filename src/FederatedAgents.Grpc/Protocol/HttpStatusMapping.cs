namespace FederatedAgents.Grpc.Protocol;

/// <summary>
/// The status a client synthesizes when a response is not HTTP 200 or carries no <c>grpc-status</c>
/// (grpc/grpc doc/http-grpc-status-mapping.md).
/// </summary>
public static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        400 or 431 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
