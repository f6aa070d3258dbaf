using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Grpc.InteropServer;
using FederatedAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Interop.Tests.Server;

/// <summary>The interop server in process on 127.0.0.1:0, once over h2c and once over TLS with the development certificate.</summary>
public sealed class InteropServerFixture(InteropCertificates certificates) : IAsyncLifetime
{
    private X509Certificate2? _certificate;
    private WebApplication? _h2c;
    private WebApplication? _tls;

    public int PortOf(Transport transport) => InteropServerHost.AddressOf(transport == Transport.Tls ? _tls! : _h2c!).Port;

    public async ValueTask InitializeAsync()
    {
        _certificate = await InteropServerHost.LoadCertificateAsync(certificates.Folder).Bounded();
        _h2c = await StartAsync(null);
        _tls = await StartAsync(_certificate);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _h2c, _tls })
        {
            if (app is not null)
            {
                await app.StopAsync().Bounded();
                await app.DisposeAsync();
            }
        }

        _certificate?.Dispose();
    }

    private static async Task<WebApplication> StartAsync(X509Certificate2? certificate)
    {
        var app = InteropServerHost.Build(new IPEndPoint(IPAddress.Loopback, 0), certificate, builder => builder.Logging.ClearProviders());
        await app.StartAsync().Bounded();
        return app;
    }
}
