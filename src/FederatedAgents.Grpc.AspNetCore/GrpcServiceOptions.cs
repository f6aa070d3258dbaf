using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.AspNetCore;

/// <summary>Server-wide gRPC settings, configured with <c>services.AddGrpc(options => ...)</c> and validated at startup.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>
    /// Largest request message accepted, in bytes (after decompression); larger ones fail the call with
    /// RESOURCE_EXHAUSTED. Default 4 MiB; null means no limit.
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// Largest response message sent, in bytes (before compression); a larger one fails the call with
    /// RESOURCE_EXHAUSTED. Default null: no limit.
    /// </summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Encoding for response messages (<c>gzip</c>), or null (default) for none. Applied only when the
    /// client lists it in <c>grpc-accept-encoding</c>; a handler can change it per call through
    /// <see cref="ServerCallContext.ResponseCompressionAlgorithm"/>.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>
    /// When true, an unhandled handler exception's type and message reach the client in <c>grpc-message</c>.
    /// Default false: the client sees UNKNOWN with a generic message and the details stay in the server log.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }
}
