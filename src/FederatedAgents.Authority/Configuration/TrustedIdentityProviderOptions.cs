namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:TrustedIdentityProviders:n</c>: the organization's identity provider. Its RFC 9068
/// access tokens (<c>typ: at+jwt</c>) for people are accepted as <c>subject_token</c> in exchanges.
/// </summary>
public sealed class TrustedIdentityProviderOptions : TrustedIssuerOptions
{
    /// <summary>The audience its tokens must name. Default: this authority's issuer.</summary>
    public string? Audience { get; set; }
}
