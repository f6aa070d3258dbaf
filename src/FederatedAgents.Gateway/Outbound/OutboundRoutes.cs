using System.Collections.Concurrent;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Routing;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// Routes for calls going out: one per partner gateway address, its cluster connecting with mutual TLS (the
/// gateway's client certificate, the partner's server certificate checked against the trusted CA). A partner
/// whose address changes on reload gets a new route; the old one's connections close with the gateway.
/// </summary>
internal sealed class OutboundRoutes(IdentityChaining chaining, TimeProvider time, ILogger<OutboundRoutes> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Partner, Uri Address), Route> _routes = new();

    /// <summary>The route to <paramref name="partner"/>'s gateway in <paramref name="snapshot"/>; null when it is no partner there or has no <c>GatewayAddress</c>.</summary>
    public Route? Find(GatewaySnapshot snapshot, string partner)
    {
        var config = snapshot.Config.Partners.FirstOrDefault(p => p.Name == partner);
        if (config?.GatewayAddress is not { } address)
        {
            return null;
        }

        return _routes.GetOrAdd((partner, address), key =>
        {
            var agent = new AgentConfig($"partner {key.Partner}", [key.Address], null, [], null, null, null, []);
            var cluster = new AgentCluster(agent, new CertificateTrust(chaining.TrustedAuthority, time), time, logger, chaining.ClientCertificate);
            return new Route(agent, cluster, MethodPolicy.Open($"{key.Partner}/{MethodPolicy.AnyMethod}"), []);
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var route in _routes.Values)
        {
            await route.Cluster.DisposeAsync();
        }
    }
}
