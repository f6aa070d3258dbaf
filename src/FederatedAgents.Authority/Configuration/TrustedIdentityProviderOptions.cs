namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:TrustedIdentityProviders:n</c>: the organization's identity provider. Its RFC 9068
/// access tokens (<c>typ: at+jwt</c>) for people are accepted as <c>subject_token</c> in exchanges.
/// </summary>
public sealed class TrustedIdentityProviderOptions
{
    /// <summary>The IdP's exact issuer identifier.</summary>
    public string? Issuer { get; set; }

    /// <summary>The IdP's https <c>jwks_uri</c>. Set this or <see cref="JwksFile"/>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The IdP's public keys as a JWK Set file.</summary>
    public string? JwksFile { get; set; }

    /// <summary>The audience its tokens must name. Default: this authority's issuer.</summary>
    public string? Audience { get; set; }

    /// <summary>A PEM CA for the IdP's https server. Default: the system's trust store.</summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>Signature algorithms accepted. Default ES256 only.</summary>
    public List<string> Algorithms { get; set; } = [];
}
