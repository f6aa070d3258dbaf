namespace FederatedAgents.Grpc;

/// <summary>
/// What a server handler knows about its call and how it shapes the response. One instance per
/// call, handed to every handler method; the hosting layer provides the implementation.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, <c>/package.Service/Method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The authority the client addressed (<c>:authority</c>).</summary>
    public abstract string Host { get; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:50312</c> or <c>ipv6:[::1]:50312</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call times out (UTC); <see cref="DateTime.MaxValue"/> when the client set no deadline.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The client's custom metadata. Pseudo-headers, <c>content-type</c>, <c>te</c> and <c>grpc-*</c> are excluded.</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Custom trailers sent with the status (also on failure). Reserved names are not sent.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>
    /// The status sent when the handler returns normally (default OK). A non-OK status set here also
    /// suppresses a unary response message. An <see cref="RpcException"/> thrown by the handler wins.
    /// </summary>
    public abstract Status Status { get; set; }

    /// <summary>Cancelled when the client resets the call, the deadline passes or the server shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>
    /// The encoding for response messages (e.g. <c>gzip</c>), or null for none. Starts as the server's
    /// configured default. Messages go uncompressed when the client's <c>grpc-accept-encoding</c> does not
    /// list it. Can only change before the response headers are sent.
    /// </summary>
    public abstract string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Sends the response headers with <paramref name="responseHeaders"/> before any message; at most once.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
