using System.Globalization;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>
/// Writes the protocol's response headers and status, in headers (Trailers-Only) or trailers. Public for
/// hosts that answer gRPC requests themselves (a gateway's own errors) with the same wire form as this server.
/// </summary>
public static class GrpcResponseHeaders
{
    private static readonly StringValues s_acceptEncoding = MessageCompression.AcceptEncoding;

    private static readonly StringValues[] s_statusCodes =
        [.. Enumerable.Range(0, (int)StatusCode.Unauthenticated + 1).Select(code => new StringValues(code.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The header that opens every gRPC response: the content type.</summary>
    public static void WriteStart(HttpResponse response) => response.ContentType = GrpcProtocol.ContentType;

    /// <summary>
    /// <c>grpc-accept-encoding</c>: the encodings this server accepts. Sent with the rejection of a request in an
    /// unsupported encoding, where grpc/grpc doc/compression.md asks for it, not with every response: it is optional
    /// there, and Kestrel keeps it among its unknown headers, a dictionary filled and cleared on every response.
    /// </summary>
    public static void AdvertiseEncodings(HttpResponse response) => response.Headers.GrpcAcceptEncoding = s_acceptEncoding;

    /// <summary>A response that is only a HEADERS frame with END_STREAM: status 200, content type and the status.</summary>
    public static void WriteTrailersOnly(HttpResponse response, Status status, Metadata? trailers = null)
    {
        WriteStart(response);
        WriteStatus(response.Headers, status, trailers);
    }

    /// <summary><c>grpc-status</c>, percent-encoded <c>grpc-message</c> (omitted when empty) and custom trailers.</summary>
    public static void WriteStatus(IHeaderDictionary target, Status status, Metadata? trailers)
    {
        var code = (int)status.StatusCode;
        target.GrpcStatus = (uint)code < s_statusCodes.Length
            ? s_statusCodes[code]
            : new StringValues(code.ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            target.GrpcMessage = GrpcMessageEncoding.Encode(status.Detail);
        }

        if (trailers is { Count: > 0 })
        {
            AppendMetadata(target, trailers);
        }
    }

    /// <summary>Adds custom metadata as headers; protocol-reserved names are never taken from metadata.</summary>
    public static void AppendMetadata(IHeaderDictionary target, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                target.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }
    }
}
