using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// Reads a call's status and metadata from HTTP/2 response headers and trailers, synthesizing a status
/// (grpc/grpc doc/http-grpc-status-mapping.md) when the response is not HTTP 200 or lacks <c>grpc-status</c>.
/// </summary>
internal static class ResponseStatus
{
    /// <summary>
    /// The status of a response that is over with its headers: Trailers-Only (grpc-status among the
    /// headers, used whatever the HTTP status), a non-200 status, or a content-type that is not gRPC.
    /// False for a normal response, whose status follows in the trailers.
    /// </summary>
    public static bool TryGetFromHeaders(HttpResponseMessage response, out Status status, out Metadata trailers)
    {
        if (response.Headers.NonValidated.TryGetValues(GrpcProtocol.StatusTrailer, out var values))
        {
            status = Parse(values.ToString(), response.Headers);
            trailers = ReadMetadata(response.Headers);
            return true;
        }

        trailers = Metadata.Empty;
        var httpStatus = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            status = new Status(HttpStatusMapping.ToStatusCode(httpStatus),
                $"Bad gRPC response: HTTP status {httpStatus} ({response.ReasonPhrase}) without grpc-status.");
            return true;
        }

        response.Content.Headers.NonValidated.TryGetValues("content-type", out var contentType);
        if (!GrpcProtocol.IsGrpcContentType(contentType.ToString()))
        {
            status = new Status(HttpStatusMapping.ToStatusCode(httpStatus),
                $"Bad gRPC response: content-type '{contentType}' is not {GrpcProtocol.ContentType}, and there is no grpc-status.");
            return true;
        }

        status = default;
        return false;
    }

    /// <summary>The status and trailing metadata once the response body has been read to its end.</summary>
    public static (Status Status, Metadata Trailers) FromTrailers(HttpResponseMessage response)
    {
        var trailers = response.TrailingHeaders;
        var metadata = ReadMetadata(trailers);
        if (!trailers.NonValidated.TryGetValues(GrpcProtocol.StatusTrailer, out var values))
        {
            return (new Status(HttpStatusMapping.ToStatusCode((int)response.StatusCode),
                "The response ended without a grpc-status trailer."), metadata);
        }

        return (Parse(values.ToString(), trailers), metadata);
    }

    /// <summary>Custom metadata among headers or trailers; protocol headers are left out.</summary>
    public static Metadata ReadMetadata(HttpHeaders headers)
    {
        Metadata? metadata = null;
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            metadata ??= new Metadata();
            MetadataHeaders.AddReceived(metadata, name, values);
        }

        return metadata ?? Metadata.Empty;
    }

    private static Status Parse(string statusValue, HttpHeaders headers)
    {
        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageTrailer, out var message)
            ? GrpcMessageEncoding.Decode(message.ToString())
            : "";
        if (int.TryParse(statusValue, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status((StatusCode)code, detail);
        }

        return new Status(StatusCode.Unknown, $"Invalid grpc-status '{statusValue}' in the response. {detail}".TrimEnd());
    }
}
