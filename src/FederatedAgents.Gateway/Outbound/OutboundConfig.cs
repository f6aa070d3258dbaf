using FederatedAgents.Gateway.Configuration;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// <c>Gateway:Outbound</c>: how the gateway carries its own agents' calls to partners (identity chaining). Read once at
/// startup; partners' gateway addresses and authority issuers come from <c>Gateway:Partners</c> and follow reloads.
/// </summary>
/// <param name="Organization">This organization's name as partners know it: the audience of their audit receipts.</param>
/// <param name="ClientId">The gateway's client id at its own authority and, unless a partner entry names another, at partners' authorities.</param>
/// <param name="ClientCertificate">The gateway's client certificate: mutual TLS to both authorities and to partner gateways; partner tokens are bound to it.</param>
/// <param name="TrustedCertificateAuthority">The CA the own authority's, partner authorities' and partner gateways' server certificates chain to.</param>
/// <param name="Authority">The own authority: its issuer, and the audience local callers' tokens carry for this gateway.</param>
internal sealed record OutboundConfig(
    string Organization,
    string ClientId,
    CertificateFilesConfig ClientCertificate,
    string TrustedCertificateAuthority,
    OwnAuthorityConfig Authority,
    IReadOnlyList<OutboundPartnerConfig> Partners)
{
    public const string SectionName = "Gateway:Outbound";

    public OutboundPartnerConfig? Partner(string name) => Partners.FirstOrDefault(p => p.Name == name);
}

/// <param name="Audience">The <c>aud</c> this gateway accepts on local callers' tokens, e.g. <c>https://127.0.0.1:7444</c>.</param>
internal sealed record OwnAuthorityConfig(string Issuer, string Audience);

/// <summary><c>Gateway:Outbound:Partners:N</c>: what calls to one partner need beyond <c>Gateway:Partners</c>.</summary>
/// <param name="Name">The partner's name in <c>Gateway:Partners</c>.</param>
/// <param name="ClientId">The gateway's client id at that partner's authority; null: <see cref="OutboundConfig.ClientId"/>.</param>
/// <param name="AuditKeysFile">The partner's published audit keys (a JWKS file), to verify its receipts.</param>
/// <param name="RequireReceipt">A successful call without a valid receipt fails (INTERNAL); false: it is only recorded. True by default.</param>
/// <param name="Scopes">Scopes asked of the partner; empty: whatever the chain carries, as the partner downscopes it.</param>
internal sealed record OutboundPartnerConfig(string Name, string? ClientId, string AuditKeysFile, bool RequireReceipt, IReadOnlyList<string> Scopes);
