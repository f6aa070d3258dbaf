using System.Collections.Frozen;
using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Authority.Configuration;

/// <summary>How a client proves who it is at the token, introspection and revocation endpoints.</summary>
internal enum ClientAuthenticationMethod
{
    PrivateKeyJwt,
    TlsClientAuth,
}

/// <summary>One client as checked at startup: how it authenticates and what it may hold.</summary>
internal sealed class ClientRegistration
{
    public required string ClientId { get; init; }

    public required ClientAuthenticationMethod Method { get; init; }

    /// <summary>private_key_jwt: the keys its assertions are verified with.</summary>
    public JsonWebKeySet? Keys { get; init; }

    /// <summary>tls_client_auth: what its certificate must say, and the CA it must chain to.</summary>
    public CertificateMatch? Certificate { get; init; }

    public CertificateTrust? CertificateTrust { get; init; }

    public required FrozenSet<string> Scopes { get; init; }

    /// <summary><see cref="Scopes"/> in ordinal order: what the client gets when it names none.</summary>
    public required IReadOnlyList<string> OrderedScopes { get; init; }

    /// <summary>Allowed audiences and resources; the first is the default.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    public required bool MayActForAnyone { get; init; }

    /// <summary>Issuer-qualified subjects (<c>sub@issuer</c>) this client may act for.</summary>
    public required FrozenSet<string> MayActForSubjects { get; init; }

    /// <summary>The partner this client belongs to; null for the organization's own clients.</summary>
    public PartnerRegistration? Partner { get; init; }

    public bool CanRevokeAnyToken { get; init; }

    public bool MayActFor(Principal subject) => MayActForAnyone || MayActForSubjects.Contains(subject.ToString());

    public bool MayTarget(string audience) => Audiences.Contains(audience, StringComparer.Ordinal);
}
