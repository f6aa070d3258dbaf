namespace FederatedAgents.Authority.Configuration;

/// <summary>Another issuer whose tokens are accepted here: its identifier, where its keys come from, the algorithms allowed.</summary>
public abstract class TrustedIssuerOptions
{
    /// <summary>The exact issuer identifier, as in its metadata and its tokens' <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Its https <c>jwks_uri</c> (from its metadata). Set this or <see cref="JwksFile"/>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>Its public keys as a JWK Set file, exchanged out of band.</summary>
    public string? JwksFile { get; set; }

    /// <summary>A PEM CA for its https server (and, for a partner, its clients' certificates). Default: the system's trust store.</summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>Signature algorithms accepted on its tokens. Default ES256 only.</summary>
    public List<string> Algorithms { get; set; } = [];
}
