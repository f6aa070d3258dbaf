namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// The <c>Authority</c> section: the organization's OAuth 2.0 authorization server. Bound from
/// configuration (JSON plus environment overrides such as <c>FA__Authority__Issuer</c>) and checked
/// at startup; a bad value stops the process with the key at fault and the fix. Unknown keys are errors.
/// </summary>
public sealed class AuthorityOptions
{
    public const string SectionName = "Authority";

    /// <summary>The issuer identifier: an https URL without query or fragment, exactly as clients and partners use it.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Where Kestrel listens, an https URL with an IP address or <c>localhost</c> and a port. Default: the
    /// issuer's port, on loopback when the issuer's host is a loopback address or <c>localhost</c>, on all addresses otherwise.
    /// </summary>
    public string? Listen { get; set; }

    public TlsOptions Tls { get; set; } = new();

    public SigningKeyOptions SigningKeys { get; set; } = new();

    /// <summary>Lifetime of access tokens. Default 5 minutes; at most 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of JWT authorization grants for partner authorities. Default 60 seconds; at most 5 minutes.</summary>
    public TimeSpan AuthorizationGrantLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most actors a delegation chain may hold. Default 4.</summary>
    public int MaxDelegationDepth { get; set; } = 4;

    /// <summary>How often the in-memory revocation list asks the store for new revocations. Default 1 second.</summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every client: the organization's agents and gateways, and the partners' clients (with <see cref="ClientOptions.Partner"/>).</summary>
    public List<ClientOptions> Clients { get; set; } = [];

    /// <summary>Identity providers whose access tokens for people are accepted as <c>subject_token</c>.</summary>
    public List<TrustedIdentityProviderOptions> TrustedIdentityProviders { get; set; } = [];

    /// <summary>For development only: test users who log in at <c>POST /dev/login</c>. Off unless present.</summary>
    public DevIdentityProviderOptions? DevIdentityProvider { get; set; }

    /// <summary>Partner authorities: targets of identity chaining, and issuers of the grants accepted here.</summary>
    public List<PartnerOptions> Partners { get; set; } = [];
}

/// <summary><c>Authority:Tls</c>: the server certificate and the CA that client certificates must chain to.</summary>
public sealed class TlsOptions
{
    /// <summary>PEM server certificate, e.g. <c>certs-dev/bank/server.crt</c>.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of the server certificate.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// PEM CA certificate that clients' certificates (<c>tls_client_auth</c>) must chain to, unless their
    /// partner names its own. Required when any client uses <c>tls_client_auth</c>.
    /// </summary>
    public string? ClientCertificateAuthorityFile { get; set; }
}

/// <summary><c>Authority:SigningKeys</c>: PEM key files, or generated development keys.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>Generate an ES256 current and next key under the data directory and keep them there. Never in production.</summary>
    public bool Development { get; set; }

    /// <summary>The key tokens are signed with.</summary>
    public string? CurrentKeyFile { get; set; }

    /// <summary>Published now, signs after the next rotation.</summary>
    public string? NextKeyFile { get; set; }

    /// <summary>Signed before the last rotation; published so its tokens still verify. Optional.</summary>
    public string? PreviousKeyFile { get; set; }

    /// <summary>Needed only for RSA keys (RS256 or PS256); EC keys imply theirs.</summary>
    public string? Algorithm { get; set; }
}
