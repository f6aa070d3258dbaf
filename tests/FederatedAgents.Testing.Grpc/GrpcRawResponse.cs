using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using Google.Protobuf;

namespace FederatedAgents.Testing.Grpc;

/// <summary>A whole gRPC response as a client sees it on the wire.</summary>
public sealed class GrpcRawResponse
{
    public GrpcRawResponse(HttpResponseMessage response, byte[] body, IReadOnlyList<byte[]> messages)
    {
        HttpStatus = response.StatusCode;
        Headers = response.Headers;
        ContentType = response.Content.Headers.ContentType?.MediaType;
        Trailers = response.TrailingHeaders;
        Body = body;
        Messages = messages;
    }

    public HttpStatusCode HttpStatus { get; }

    public HttpResponseHeaders Headers { get; }

    public string? ContentType { get; }

    public HttpResponseHeaders Trailers { get; }

    public byte[] Body { get; }

    public IReadOnlyList<byte[]> Messages { get; }

    /// <summary>Status in the one HEADERS frame, no body, no trailers.</summary>
    public bool IsTrailersOnly => Headers.Contains(GrpcProtocol.StatusTrailer) && Body.Length == 0 && !Trailers.Any();

    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public StatusCode? Status => Value(GrpcProtocol.StatusTrailer) is { } value
        ? (StatusCode)int.Parse(value, CultureInfo.InvariantCulture)
        : null;

    /// <summary>The decoded grpc-message, or null when absent.</summary>
    public string? StatusMessage => Value(GrpcProtocol.MessageTrailer) is { } value ? GrpcMessageEncoding.Decode(value) : null;

    /// <summary>The raw (still percent-encoded) grpc-message.</summary>
    public string? RawStatusMessage => Value(GrpcProtocol.MessageTrailer);

    public T Message<T>(MessageParser<T> parser, int index = 0)
        where T : IMessage<T> => parser.ParseFrom(Messages[index]);

    /// <summary>A trailer's value, or a header's for Trailers-Only responses.</summary>
    public string? Value(string name) =>
        Trailers.TryGetValues(name, out var trailer) ? string.Join(",", trailer)
        : Headers.TryGetValues(name, out var header) ? string.Join(",", header)
        : null;
}
