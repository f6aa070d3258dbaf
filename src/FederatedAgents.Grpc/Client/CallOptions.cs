namespace FederatedAgents.Grpc.Client;

/// <summary>Per-call settings. Change one with a <c>with</c> expression: <c>options with { Deadline = d }</c>.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Custom metadata sent as request headers; keys starting with <c>grpc-</c> are rejected.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>
    /// When the call must be finished, as a UTC <see cref="DateTime"/>. The server is told the time left
    /// (<c>grpc-timeout</c>) and the client fails the call with DEADLINE_EXCEEDED and resets the stream
    /// when it passes. Null or <see cref="DateTime.MaxValue"/>: no deadline.
    /// </summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancelling it fails the call with CANCELLED and resets the HTTP/2 stream.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Encoding for request messages (sent as <c>grpc-encoding</c>), e.g. <c>gzip</c>; it must be one of
    /// the channel's <see cref="GrpcChannelOptions.CompressionProviders"/>. Null: messages are not compressed.
    /// </summary>
    public string? RequestCompression { get; init; }
}
