namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:Partners:n</c>: a partner organization's authority. Clients of this organization may
/// obtain authorization grants addressed to its issuer (identity chaining), and its grants are accepted
/// here from its clients (those whose <see cref="ClientOptions.Partner"/> names it). Its
/// <see cref="TrustedIssuerOptions.CertificateAuthorityFile"/> also validates its clients' certificates
/// (default: <c>Authority:Tls:ClientCertificateAuthorityFile</c>).
/// </summary>
public sealed class PartnerOptions : TrustedIssuerOptions
{
    /// <summary>A short name clients refer to, e.g. <c>bureau</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The most actors a chain arriving from this partner may hold. Default <c>Authority:MaxDelegationDepth</c>.</summary>
    public int? MaxDelegationDepth { get; set; }
}
