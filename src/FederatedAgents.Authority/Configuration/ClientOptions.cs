namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:Clients:n</c>: one client. There are no public clients: each authenticates with
/// <c>private_key_jwt</c> (its public keys here) or <c>tls_client_auth</c> (its certificate's subject or SAN here).
/// </summary>
public sealed class ClientOptions
{
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string TlsClientAuth = "tls_client_auth";

    public string? ClientId { get; set; }

    /// <summary><c>private_key_jwt</c> or <c>tls_client_auth</c> (RFC 7591 <c>token_endpoint_auth_method</c>).</summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>private_key_jwt: the client's public keys inline, as a JWK Set (<c>{ "keys": [ … ] }</c>).</summary>
    public JwksOptions? Jwks { get; set; }

    /// <summary>private_key_jwt: a JWK Set file.</summary>
    public string? JwksFile { get; set; }

    /// <summary>private_key_jwt: a PEM public key or certificate whose key signs the client's assertions.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>tls_client_auth: the exact subject DN of the client certificate, e.g. <c>CN=bank gateway, O=bank</c>.</summary>
    public string? TlsClientAuthSubjectDn { get; set; }

    /// <summary>tls_client_auth: a URI subject alternative name the client certificate must carry.</summary>
    public string? TlsClientAuthSanUri { get; set; }

    /// <summary>tls_client_auth: a DNS subject alternative name the client certificate must carry.</summary>
    public string? TlsClientAuthSanDns { get; set; }

    /// <summary>The scopes this client may ever hold; requests are narrowed to these.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// Audiences (and RFC 8707 resources) this client may ask tokens for; the first is used when a request
    /// names none. A partner authority's issuer here lets the client obtain authorization grants for it.
    /// </summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>
    /// Subjects this client may act for in a token exchange when the subject token has no <c>may_act</c>:
    /// issuer-qualified (<c>alice@https://auth.bank.example</c>) or <c>*</c> for any.
    /// </summary>
    public List<string> MayActFor { get; set; } = [];

    /// <summary>
    /// The partner (<see cref="PartnerOptions.Name"/>) this client belongs to. A partner's client may only
    /// present that partner's authorization grants (<c>jwt-bearer</c>), authenticates with <c>tls_client_auth</c>,
    /// and receives certificate-bound tokens.
    /// </summary>
    public string? Partner { get; set; }

    /// <summary>May revoke any token of this authority, not only those issued to it. Default false.</summary>
    public bool CanRevokeAnyToken { get; set; }
}

/// <summary>A JWK Set written inline in configuration; every member of a key is a string.</summary>
public sealed class JwksOptions
{
    public List<Dictionary<string, string>> Keys { get; set; } = [];
}
