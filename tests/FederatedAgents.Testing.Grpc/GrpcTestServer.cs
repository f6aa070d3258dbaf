using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Testing.Grpc;

/// <summary>
/// A real Kestrel on 127.0.0.1:0 serving gRPC (h2c by default, TLS with a certificate) and an HttpClient
/// pinned to HTTP/2 that talks to it. By default it maps <see cref="EchoService"/>.
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address, TestLogSink logs, HttpClient client)
    {
        _app = app;
        Address = address;
        Logs = logs;
        Client = client;
    }

    public Uri Address { get; }

    public TestLogSink Logs { get; }

    /// <summary>HTTP/2 only (prior knowledge over h2c), base address set.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public CallObserver Observer => Services.GetRequiredService<CallObserver>();

    public static async Task<GrpcTestServer> StartAsync(
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        X509Certificate2? certificate = null,
        HttpProtocols protocols = HttpProtocols.Http2)
    {
        var logs = new TestLogSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<CallObserver>();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            (map ?? (a => a.MapGrpcService<EchoService>(EchoService.Descriptor)))(app);
            await app.StartAsync().Bounded();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new GrpcTestServer(app, address, logs, CreateClient(address, certificate));
    }

    /// <summary>A client for this server; <paramref name="version"/> 1.1 lets a test speak HTTP/1.1 to an endpoint that allows it.</summary>
    public static HttpClient CreateClient(Uri address, X509Certificate2? trusted = null, Version? version = null)
    {
        var handler = new SocketsHttpHandler();
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString()
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
        }

        return new HttpClient(handler)
        {
            BaseAddress = address,
            DefaultRequestVersion = version ?? HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Stops the host (as at shutdown) while the test still holds the server.</summary>
    public Task StopAsync() => _app.StopAsync().Bounded();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().Bounded();
        await _app.DisposeAsync();
    }
}
