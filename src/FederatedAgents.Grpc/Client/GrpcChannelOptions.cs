using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Client;

/// <summary>Settings for a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// A handler to send calls through instead of the channel's own <see cref="SocketsHttpHandler"/>.
    /// The caller keeps ownership (the channel never disposes it) and configures TLS and keep-alive on it;
    /// combining it with <see cref="ClientCertificates"/>, <see cref="TrustedCertificateAuthority"/> or
    /// the keep-alive settings is rejected.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Certificates offered to the server for mutual TLS; each needs its private key.</summary>
    public X509Certificate2Collection? ClientCertificates { get; set; }

    /// <summary>
    /// When set, the server's chain must end at this CA (and only this CA; the system store is not
    /// consulted) and the certificate must match the host name. When null, the system store is used.
    /// </summary>
    public X509Certificate2? TrustedCertificateAuthority { get; set; }

    /// <summary>Largest message the channel accepts, in bytes; 4 MiB by default, null for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest message the channel sends, in bytes; null (the default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Encodings the channel can decompress and advertises in <c>grpc-accept-encoding</c>, and that
    /// <see cref="CallOptions.RequestCompression"/> may name. Null means gzip.
    /// </summary>
    public IList<ICompressionProvider>? CompressionProviders { get; set; }

    /// <summary>
    /// Idle time on a connection after which an HTTP/2 PING is sent while calls are active;
    /// <see cref="Timeout.InfiniteTimeSpan"/> (the default) sends none.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long a keep-alive PING may go unanswered before the connection is closed; 20 s by default.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Opens another HTTP/2 connection when every open one is at the server's
    /// <c>SETTINGS_MAX_CONCURRENT_STREAMS</c>, instead of queueing calls. True by default.
    /// </summary>
    public bool EnableMultipleHttp2Connections { get; set; } = true;

    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for deadlines; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
