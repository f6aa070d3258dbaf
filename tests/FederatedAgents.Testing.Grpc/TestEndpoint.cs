using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Grpc.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Testing.Grpc;

/// <summary>
/// Real Kestrel (HTTP/2 only) on 127.0.0.1 with one hand-written handler, so a test controls the
/// exact frames, headers, trailers and resets the client sees. Counts TCP connections.
/// </summary>
public sealed class TestEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;
    private int _requests;

    private TestEndpoint(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public int ConnectionCount => Volatile.Read(ref _connections);

    public int RequestCount => Volatile.Read(ref _requests);

    /// <param name="configure">Adjusts Kestrel, e.g. its HTTP/2 limits.</param>
    /// <param name="certificate">Serves TLS with this certificate and records client certificates when set.</param>
    public static async Task<TestEndpoint> StartAsync(RequestDelegate handler, Action<KestrelServerOptions>? configure = null, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        TestEndpoint? endpoint = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            configure?.Invoke(kestrel);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                        https.AllowAnyClientCertificate();
                    });
                }

                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref endpoint!._connections);
                    return next(connection);
                });
            });
        });

        var app = builder.Build();
        endpoint = new TestEndpoint(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref endpoint._requests);
            return handler(context);
        });
        await app.StartAsync().Bounded();
        return endpoint;
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().Bounded();
        await _app.DisposeAsync();
    }
}
