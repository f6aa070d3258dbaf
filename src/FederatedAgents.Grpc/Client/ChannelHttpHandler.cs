using System.Net;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Client;

/// <summary>Builds the one <see cref="SocketsHttpHandler"/> a channel sends all its calls through.</summary>
internal static class ChannelHttpHandler
{
    public static SocketsHttpHandler Create(GrpcChannelOptions options, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };

        if (options.ClientCertificates is { Count: > 0 } certificates)
        {
            handler.SslOptions.ClientCertificates = certificates;
        }

        if (options.TrustedCertificateAuthority is { } authority)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = new CertificateAuthorityTrust(authority, logger).Validate;
        }

        return handler;
    }

    /// <summary>Rejects settings that a caller-supplied handler would silently ignore.</summary>
    public static void EnsureNoHandlerConflicts(GrpcChannelOptions options)
    {
        if (options.HttpHandler is null)
        {
            return;
        }

        string? conflict =
            options.ClientCertificates is { Count: > 0 } ? nameof(GrpcChannelOptions.ClientCertificates)
            : options.TrustedCertificateAuthority is not null ? nameof(GrpcChannelOptions.TrustedCertificateAuthority)
            : options.KeepAlivePingDelay != Timeout.InfiniteTimeSpan ? nameof(GrpcChannelOptions.KeepAlivePingDelay)
            : null;
        if (conflict is not null)
        {
            throw new ArgumentException(
                $"GrpcChannelOptions.{conflict} applies only to the channel's own handler, but HttpHandler is set. " +
                $"Configure it on the supplied handler (e.g. SocketsHttpHandler.SslOptions) or leave HttpHandler null.");
        }
    }
}
