using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Gateway.Configuration;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Who is on the other end of the connection: a partner recognized by its client certificate on the partner
/// listener, or a local caller (the organization's own agents) on the local listener.
/// </summary>
/// <param name="Partner">The partner in the call's snapshot; null for local callers.</param>
/// <param name="ClientCertificate">The certificate the connection presented (partners always; local callers only over TLS with one).</param>
internal sealed record CallerInfo(PartnerConfig? Partner, X509Certificate2? ClientCertificate)
{
    public static readonly CallerInfo Local = new(null, null);

    public bool IsPartner => Partner is not null;
}
