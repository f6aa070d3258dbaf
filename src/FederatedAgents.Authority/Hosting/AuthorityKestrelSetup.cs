using FederatedAgents.Authority.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Authority.Hosting;

/// <summary>
/// The authority's TLS listener: HTTP/1.1 and HTTP/2, the configured server certificate, and client
/// certificates requested but optional. A presented certificate is accepted by TLS and judged per client
/// by the authority against the configured CA (never the system store), so a wrong one is answered with
/// <c>invalid_client</c> rather than a handshake failure.
/// </summary>
internal sealed class AuthorityKestrelSetup : IConfigureOptions<KestrelServerOptions>
{
    private readonly IServiceProvider _services;

    public AuthorityKestrelSetup(IServiceProvider services) => _services = services;

    public void Configure(KestrelServerOptions options)
    {
        AuthoritySettings settings;
        try
        {
            settings = _services.GetRequiredService<AuthoritySettings>();
        }
        catch (Exception e) when (e is OptionsValidationException or AuthorityConfigurationException or InvalidOperationException)
        {
            // Kestrel's options are built with the host, before the startup check runs; that check
            // then reports this problem together with every other one, and the host never listens.
            return;
        }

        options.Listen(settings.Listen, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = settings.ServerCertificate,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        });
    }
}
