using System.Collections.Frozen;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// The authority's configuration after every check passed: parsed, with keys, certificates and
/// partners' key sources loaded. Immutable; one per process. Disposes what it loaded.
/// </summary>
internal sealed class AuthoritySettings : IDisposable
{
    public required OrganizationSettings Organization { get; init; }

    public required AuthorityEndpoints Endpoints { get; init; }

    public string Issuer => Endpoints.Issuer;

    public required IPEndPoint Listen { get; init; }

    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>The default CA for client certificates; null when no client uses <c>tls_client_auth</c>.</summary>
    public CertificateTrust? ClientCertificateTrust { get; init; }

    public required KeyRing Keys { get; init; }

    public required TimeSpan AccessTokenLifetime { get; init; }

    public required TimeSpan AuthorizationGrantLifetime { get; init; }

    public required int MaxDelegationDepth { get; init; }

    public required TimeSpan RevocationPollInterval { get; init; }

    public required FrozenDictionary<string, ClientRegistration> Clients { get; init; }

    public required FrozenDictionary<string, PartnerRegistration> PartnersByIssuer { get; init; }

    public required IReadOnlyList<IdentityProviderRegistration> IdentityProviders { get; init; }

    public DevIdentityProvider? DevIdentityProvider { get; init; }

    /// <summary>HTTP clients fetching partners' and identity providers' JWKS.</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    public void Dispose()
    {
        ServerCertificate.Dispose();
        foreach (var owned in Owned)
        {
            owned.Dispose();
        }
    }
}
