using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Authority.Configuration;

/// <summary>A partner authority as checked at startup: its issuer, where its keys come from, and the limits on its chains.</summary>
internal sealed class PartnerRegistration
{
    public required string Name { get; init; }

    public required string Issuer { get; init; }

    /// <summary>Answers for <see cref="Issuer"/> only.</summary>
    public required IIssuerKeyResolver Keys { get; init; }

    /// <summary>The CA the partner's client certificates chain to.</summary>
    public CertificateTrust? CertificateTrust { get; init; }

    public required int MaxDelegationDepth { get; init; }
}

/// <summary>A trusted identity provider as checked at startup.</summary>
internal sealed class IdentityProviderRegistration
{
    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    public required IIssuerKeyResolver Keys { get; init; }
}
