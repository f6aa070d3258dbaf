using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Health;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Where one agent's calls go: its endpoints with their health, and one connection pool (h2c with prior knowledge
/// or TLS, several HTTP/2 connections when one is full). Shared by every snapshot whose agent settings are the
/// same; a reload that changes them retires it, and it closes its connections once its last call has ended.
/// </summary>
internal sealed class AgentCluster : IAsyncDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HealthProber? _prober;
    private int _holders = 1;
    private Task? _probesStopped;

    /// <param name="clientCertificate">Presented to endpoints that ask for one (partner gateways); null: none.</param>
    public AgentCluster(AgentConfig agent, CertificateTrust? authority, TimeProvider time, ILogger healthLogger, X509Certificate2? clientCertificate = null)
    {
        Name = agent.Name;
        Signature = SignatureOf(agent);
        _handler = CreateHandler(authority, clientCertificate);
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        Endpoints = new EndpointSet(agent.Endpoints);
        _prober = agent.HealthCheck is { } check ? new HealthProber(agent.Name, check, Endpoints, _handler, time, healthLogger) : null;
    }

    public string Name { get; }

    /// <summary>The settings this cluster was built from; a snapshot with the same signature reuses it.</summary>
    public string Signature { get; }

    public HttpMessageInvoker Invoker { get; }

    public EndpointSet Endpoints { get; }

    public static string SignatureOf(AgentConfig agent) =>
        string.Join('|', [agent.Name, agent.TrustedCertificateAuthority ?? "", agent.HealthCheck?.ToString() ?? "", .. agent.Endpoints]);

    /// <summary>Starts health checks; called once the snapshot that created the cluster is in use.</summary>
    public void Start() => _prober?.Start();

    /// <summary>Holds the cluster for one call; false once it is retired and closed (take the current snapshot's instead).</summary>
    public bool TryHold()
    {
        var holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
            {
                return true;
            }

            holders = seen;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            _ = CloseAsync();
        }
    }

    /// <summary>No snapshot uses the cluster any more: health checks stop now, connections close after the last call.</summary>
    public void Retire()
    {
        _ = StopProbes();
        Release();
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _holders, 0);
        await CloseAsync();
    }

    private Task StopProbes() =>
        LazyInitializer.EnsureInitialized(ref _probesStopped, () => _prober?.DisposeAsync().AsTask() ?? Task.CompletedTask);

    private async Task CloseAsync()
    {
        await StopProbes();
        Invoker.Dispose();
        _handler.Dispose();
    }

    private static SocketsHttpHandler CreateHandler(CertificateTrust? authority, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // The caller's traceparent is forwarded as received; the handler adds none of its own.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        if (authority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = authority.CreateCallback(CertificateUsage.Server);
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }
}
