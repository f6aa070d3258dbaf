using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>
/// One call on Kestrel: request metadata, deadline, cancellation and the response's state. Everything
/// that costs (metadata, peer text, the linked cancellation source) is built on first use.
/// </summary>
internal sealed partial class HttpServerCallContext : ServerCallContext
{
    private readonly HttpContext _http;
    private readonly string _method;
    private readonly ServerSettings _server;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;
    private ICompressionProvider? _requestDecompressor;

    public HttpServerCallContext(HttpContext http, string method, ServerSettings server)
    {
        _http = http;
        _method = method;
        _server = server;
        _responseCompression = server.ResponseCompressionAlgorithm;
    }

    public HttpContext HttpContext => _http;

    public override string Method => _method;

    public override string Host => _http.Request.Host.Value ?? "";

    public override string Peer => _peer ??= FormatPeer(_http.Connection.RemoteIpAddress, _http.Connection.RemotePort);

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_http.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>
    /// Reads the call's protocol headers and arms the deadline. Returns the status to fail the call with
    /// when a header is unusable, or null to go on.
    /// </summary>
    public Status? Start()
    {
        var headers = _http.Request.Headers;
        var encoding = headers.GrpcEncoding;
        if (encoding.Count > 0 && !string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.Ordinal))
        {
            if (encoding.Count > 1 || !MessageCompression.Providers.TryGetValue(encoding.ToString(), out _requestDecompressor))
            {
                GrpcResponseHeaders.AdvertiseEncodings(_http.Response);
                return new Status(StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding '{encoding}'; this server accepts {MessageCompression.AcceptEncoding}.");
            }
        }

        var timeout = headers.GrpcTimeout;
        if (timeout.Count == 0)
        {
            return null;
        }

        if (timeout.Count > 1 || !GrpcTimeout.TryParse(timeout.ToString(), out var span))
        {
            return new Status(StatusCode.Internal,
                $"The grpc-timeout header '{timeout}' is malformed; expected a positive integer of at most 8 digits followed by one unit of H, M, S, m, u or n (e.g. 500m).");
        }

        StartDeadline(span);
        return null;
    }

    /// <summary>A reader over the request body with this call's size limit and <c>grpc-encoding</c>.</summary>
    public GrpcMessageReader CreateMessageReader() =>
        new(_http.Request.BodyReader, _server.MaxReceiveMessageSize, _requestDecompressor);

    /// <summary>
    /// Reads one request message. Bad frames surface as <see cref="RpcException"/> with the status the
    /// client gets; a request stream the client reset surfaces as cancellation.
    /// </summary>
    public ValueTask<(bool HasMessage, T Message)> ReadMessageAsync<T>(
        GrpcMessageReader reader, Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken) =>
        Observe(reader.ReadAsync(parse, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads the whole request of a call that takes exactly one message; see <see cref="GrpcMessageReader.ReadSingleAsync"/>.
    /// Errors surface as in <see cref="ReadMessageAsync"/>.
    /// </summary>
    public ValueTask<(int Count, T Message)> ReadSingleMessageAsync<T>(Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken) =>
        Observe(
            GrpcMessageReader.ReadSingleAsync(_http.Request.BodyReader, _server.MaxReceiveMessageSize, _requestDecompressor, parse, cancellationToken),
            cancellationToken);

    /// <summary>A read that completed at once is returned as is; otherwise its failures are logged and translated.</summary>
    private ValueTask<TResult> Observe<TResult>(ValueTask<TResult> read, CancellationToken cancellationToken) =>
        read.IsCompletedSuccessfully ? read : AwaitReadAsync(read, cancellationToken);

    private async ValueTask<TResult> AwaitReadAsync<TResult>(ValueTask<TResult> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read;
        }
        catch (RpcException ex)
        {
            Log.InvalidRequestMessage(_server.Logger, _method, ex.StatusCode, ex.Status.Detail);
            throw;
        }
        catch (IOException ex)
        {
            throw new OperationCanceledException("The client reset the request stream.", ex, cancellationToken);
        }
    }

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            MetadataHeaders.AddReceived(metadata, name, values);
        }

        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => $"ipv4:{address.MapToIPv4()}:{port}",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
