namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:Partners:n</c>: a partner organization's authority. Clients of this organization may
/// obtain authorization grants addressed to its <see cref="Issuer"/> (identity chaining), and its grants
/// are accepted here from its clients (those whose <see cref="ClientOptions.Partner"/> names it).
/// </summary>
public sealed class PartnerOptions
{
    /// <summary>A short name clients refer to, e.g. <c>bureau</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The partner authority's exact issuer identifier.</summary>
    public string? Issuer { get; set; }

    /// <summary>The partner's https <c>jwks_uri</c> (from its metadata). Set this or <see cref="JwksFile"/>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The partner's public keys as a JWK Set file, exchanged out of band.</summary>
    public string? JwksFile { get; set; }

    /// <summary>
    /// The partner's CA (PEM): its clients' certificates must chain to it, and it authenticates the partner's
    /// https server when fetching <see cref="JwksUri"/>. Default: <c>Authority:Tls:ClientCertificateAuthorityFile</c>
    /// for client certificates and the system's trust store for the server.
    /// </summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>Signature algorithms accepted on the partner's grants. Default ES256 only.</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>The most actors a chain arriving from this partner may hold. Default <c>Authority:MaxDelegationDepth</c>.</summary>
    public int? MaxDelegationDepth { get; set; }
}
