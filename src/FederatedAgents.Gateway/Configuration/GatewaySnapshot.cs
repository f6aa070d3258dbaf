using System.Net.Security;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Gateway.Routing;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// One validated configuration with everything loaded from it: routes, clusters, partner trust, listener
/// certificates. A call takes the current snapshot when it starts and keeps it to the end.
/// </summary>
internal sealed class GatewaySnapshot(
    long version,
    GatewayConfig config,
    RouteTable routes,
    IReadOnlyDictionary<string, AgentCluster> clusters,
    PartnerDirectory partners,
    SslStreamCertificateContext? partnerListenerCertificate,
    SslStreamCertificateContext? localListenerCertificate)
{
    /// <summary>1 for the configuration read at startup, one more for each reload that passed validation.</summary>
    public long Version { get; } = version;

    public GatewayConfig Config { get; } = config;

    public RouteTable Routes { get; } = routes;

    public IReadOnlyDictionary<string, AgentCluster> Clusters { get; } = clusters;

    public PartnerDirectory Partners { get; } = partners;

    public SslStreamCertificateContext? PartnerListenerCertificate { get; } = partnerListenerCertificate;

    public SslStreamCertificateContext? LocalListenerCertificate { get; } = localListenerCertificate;
}
