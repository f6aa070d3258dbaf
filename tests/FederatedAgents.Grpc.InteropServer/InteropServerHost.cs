using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Grpc.InteropServer.Service;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FederatedAgents.Grpc.InteropServer;

/// <summary>
/// Builds the interop server: <c>grpc.testing.TestService</c> on Kestrel, HTTP/2 only (h2c with prior
/// knowledge, or TLS with ALPN h2). <c>grpc.testing.UnimplementedService</c> is deliberately not mapped.
/// Used by <c>Program</c> and, in process, by the interop tests.
/// </summary>
public static class InteropServerHost
{
    /// <summary>The organization whose development server certificate (for <c>localhost</c>, 127.0.0.1, ::1) the server presents.</summary>
    public const string CertificateOrganization = "interop";

    /// <param name="certificate">Serve TLS with it; null for h2c.</param>
    /// <param name="configure">Adjusts the builder before the app is built (e.g. logging).</param>
    public static WebApplication Build(IPEndPoint endpoint, X509Certificate2? certificate, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpc();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<InteropTestService>(InteropTestService.Descriptor);
        return app;
    }

    /// <summary>The address a started server listens on, e.g. <c>https://127.0.0.1:50051</c>.</summary>
    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>
    /// The <c>localhost</c> server certificate from the development certificates in <paramref name="folder"/>,
    /// signed by its <c>ca.crt</c>; the folder and certificates are created when missing.
    /// </summary>
    public static async Task<X509Certificate2> LoadCertificateAsync(string folder, CancellationToken cancellationToken = default)
    {
        var set = await DevCertificates.EnsureAsync(folder, [CertificateOrganization], cancellationToken: cancellationToken);
        return set[CertificateOrganization].Server.Load();
    }
}
