using System.Net.Security;
using System.Security.Cryptography;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Gateway.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// Reads, validates and loads one configuration into a <see cref="GatewaySnapshot"/>. Clusters of agents whose
/// settings did not change are taken over from the previous snapshot; new ones are created but not started,
/// so a snapshot that is never installed costs nothing to drop.
/// </summary>
internal sealed class GatewaySnapshotBuilder(IConfiguration configuration, string baseDirectory, ConcurrencyCounters counters, TimeProvider time, ILoggerFactory loggers)
{
    public (GatewaySnapshot? Snapshot, IReadOnlyList<string> Errors, IReadOnlyList<AgentCluster> Created) Build(long version, GatewaySnapshot? previous)
    {
        var errors = new ConfigErrors();
        var config = GatewayConfigReader.Read(configuration, baseDirectory, errors);
        if (config is null)
        {
            return (null, errors.All, []);
        }

        var partnerCertificate = LoadServerCertificate(config.Listeners.Partner?.Certificate, "Gateway:Listeners:Partner:Certificate", errors);
        var localCertificate = LoadServerCertificate(config.Listeners.Local?.Certificate, "Gateway:Listeners:Local:Certificate", errors);
        var partners = new List<PartnerTrust>();
        for (var p = 0; p < config.Partners.Count; p++)
        {
            var partner = config.Partners[p];
            var authority = LoadAuthority(partner.ClientCertificate.CertificateAuthority, $"Gateway:Partners:{p}:ClientCertificate:CertificateAuthority", errors);
            partners.Add(new PartnerTrust(partner, authority, time));
        }

        var authorities = config.Agents
            .Select((agent, a) => LoadAuthority(agent.TrustedCertificateAuthority, $"Gateway:Agents:{a}:TrustedCertificateAuthority", errors))
            .ToList();
        if (errors.Any)
        {
            return (null, errors.All, []);
        }

        var clusters = new Dictionary<string, AgentCluster>(StringComparer.Ordinal);
        var created = new List<AgentCluster>();
        for (var a = 0; a < config.Agents.Count; a++)
        {
            var agent = config.Agents[a];
            if (previous?.Clusters.GetValueOrDefault(agent.Name) is { } kept && kept.Signature == AgentCluster.SignatureOf(agent))
            {
                clusters[agent.Name] = kept;
                continue;
            }

            var cluster = new AgentCluster(agent, authorities[a], time, loggers.CreateLogger<Health.HealthProber>());
            clusters[agent.Name] = cluster;
            created.Add(cluster);
        }

        var routes = new RouteTable(config.Agents, clusters, counters);
        return (new GatewaySnapshot(version, config, routes, clusters, new PartnerDirectory(partners), partnerCertificate, localCertificate), [], created);
    }

    private CertificateTrust? LoadAuthority(string? path, string key, ConfigErrors errors)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return CertificateTrust.FromFile(path, time);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            errors.Add(key, $"cannot load the CA certificate: {ex.Message} Point it at a PEM CA certificate file.");
            return null;
        }
    }

    private static SslStreamCertificateContext? LoadServerCertificate(CertificateFilesConfig? files, string key, ConfigErrors errors)
    {
        if (files is null)
        {
            return null;
        }

        try
        {
            return SslStreamCertificateContext.Create(CertificateFiles.LoadWithKey(files.Path, files.KeyPath), additionalCertificates: null, offline: true);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            errors.Add(key, $"cannot load the server certificate: {ex.Message} Point Path and KeyPath at the PEM certificate and its private key.");
            return null;
        }
    }
}
