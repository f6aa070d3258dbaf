using FederatedAgents.Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>Reads and checks <c>Gateway:Outbound</c>; every problem names its key and the fix.</summary>
internal static class OutboundConfigReader
{
    /// <exception cref="GatewayConfigurationException">The section is missing or wrong.</exception>
    public static OutboundConfig Read(IConfiguration configuration, string baseDirectory)
    {
        var errors = new ConfigErrors();
        var node = new ConfigNode(configuration.GetSection(OutboundConfig.SectionName), errors);
        if (!node.Exists)
        {
            throw new GatewayConfigurationException([
                $"{OutboundConfig.SectionName}: is missing; add it (Organization, ClientId, ClientCertificate, TrustedCertificateAuthority, Authority, Partners) or do not call AddOutboundCalls()."]);
        }

        node.AllowOnly("Organization", "ClientId", "ClientCertificate", "TrustedCertificateAuthority", "Authority", "Partners");
        var paths = new ConfigPaths(baseDirectory);
        var authority = node["Authority"];
        authority.AllowOnly("Issuer", "Audience");
        var config = new OutboundConfig(
            node.RequiredString("Organization", "give this organization's name as partners know it, e.g. bank."),
            node.RequiredString("ClientId", "give the gateway's client id at its authority, e.g. bank-gateway."),
            GatewayConfigReader.ReadCertificateFiles(node["ClientCertificate"], paths),
            paths.Resolve(node.RequiredString("TrustedCertificateAuthority", "give the CA file that authorities' and partner gateways' certificates chain to, e.g. certs-dev/ca.crt.")),
            new OwnAuthorityConfig(
                authority.RequiredString("Issuer", "give the own authority's exact issuer, e.g. https://127.0.0.1:7443."),
                authority.RequiredString("Audience", "give the audience local callers' tokens carry for this gateway, e.g. https://127.0.0.1:7444.")),
            node.List("Partners").Select(partner => ReadPartner(partner, paths)).ToList());
        return errors.Any ? throw new GatewayConfigurationException(errors.All) : config;
    }

    private static OutboundPartnerConfig ReadPartner(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Name", "ClientId", "AuditKeysFile", "RequireReceipt", "Scopes");
        var auditKeys = paths.Resolve(node.RequiredString("AuditKeysFile", "give the partner's audit keys (JWKS file) to verify its receipts."));
        if (auditKeys.Length > 0 && !File.Exists(auditKeys))
        {
            node.Error("AuditKeysFile", $"'{auditKeys}' does not exist; put the partner's published audit keys (a JWK Set) there.");
        }

        return new OutboundPartnerConfig(
            node.RequiredString("Name", "give the partner's name from Gateway:Partners, e.g. bureau."),
            node.String("ClientId"),
            auditKeys,
            node.Boolean("RequireReceipt") ?? true,
            node.Strings("Scopes"));
    }
}
