using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Gateway.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>
/// Kestrel's listeners from <c>Gateway:Listeners</c>. Partner: TLS 1.2+ (or 1.3 only), HTTP/2 only, a client
/// certificate required and accepted only when a configured partner recognizes it; the partner is then attached
/// to the connection. Local: HTTP/2 (h2c with prior knowledge, or TLS with a certificate). Server certificates
/// are taken from the current snapshot per connection, so a reload rotates them.
/// </summary>
internal sealed partial class GatewayKestrelSetup(GatewaySnapshotProvider snapshots, GatewayListeners listeners, ILogger<GatewayKestrelSetup> logger)
    : IConfigureOptions<KestrelServerOptions>
{
    private static readonly List<SslApplicationProtocol> s_http2 = [SslApplicationProtocol.Http2];

    public void Configure(KestrelServerOptions options)
    {
        var config = snapshots.Current.Config.Listeners;
        options.AddServerHeader = false;
        if (config.Partner is { } partner)
        {
            options.Listen(EndPoint(partner.Url), listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = context => ValueTask.FromResult(PartnerTls(context, partner)) });
                listen.Use(GatewayConnectionFeature.Mark);
                listeners.SetPartner(listen);
            });
        }

        if (config.Local is { } local)
        {
            options.Listen(EndPoint(local.Url), listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (local.Certificate is not null)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(LocalTls()) });
                }

                listen.Use(GatewayConnectionFeature.Mark);
                listeners.SetLocal(listen, tls: local.Certificate is not null);
            });
        }
    }

    private SslServerAuthenticationOptions PartnerTls(TlsHandshakeCallbackContext context, PartnerListenerConfig config)
    {
        var snapshot = snapshots.Current;
        var connection = context.Connection;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = snapshot.PartnerListenerCertificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = config.MinimumTlsVersion == TlsVersion.Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = s_http2,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => AcceptPartner(connection, snapshot, certificate as X509Certificate2),
        };
    }

    private SslServerAuthenticationOptions LocalTls() => new()
    {
        ServerCertificateContext = snapshots.Current.LocalListenerCertificate,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = s_http2,
    };

    /// <summary>The handshake's certificate check: the connection goes on only for a certificate a partner recognizes.</summary>
    private bool AcceptPartner(ConnectionContext connection, GatewaySnapshot snapshot, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            Log.NoClientCertificate(logger, connection.RemoteEndPoint);
            return false;
        }

        if (snapshot.Partners.Match(certificate) is not { } partner)
        {
            Log.ClientCertificateRefused(logger, certificate.Subject, connection.RemoteEndPoint);
            return false;
        }

        connection.Features.Set(new PartnerConnectionFeature(certificate, snapshot, partner));
        return true;
    }

    private static IPEndPoint EndPoint(Uri url) =>
        new(url.IsLoopback && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _) ? IPAddress.Loopback : IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
}
