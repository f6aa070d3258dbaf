namespace FederatedAgents.Grpc.Protocol;

/// <summary>Names and values fixed by grpc/grpc doc/PROTOCOL-HTTP2.md.</summary>
public static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ProtoContentType = "application/grpc+proto";

    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string UserAgentHeader = "user-agent";
    public const string IdentityEncoding = "identity";

    /// <summary>Size of the per-message prefix: 1 byte compressed flag + 4 bytes big-endian length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Default maximum size of a received message (4 MiB), as in the reference implementations.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// True for <c>application/grpc</c> and <c>application/grpc+proto</c>, with or without parameters.
    /// Other subtypes (e.g. <c>+json</c>) are not served by this stack.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(ProtoContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Headers that belong to HTTP/2 or to the gRPC protocol itself and therefore never appear
    /// in <see cref="Metadata"/> handed to applications.
    /// </summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
            && !name.Equals(StatusDetailsTrailer, StringComparison.OrdinalIgnoreCase));
}
