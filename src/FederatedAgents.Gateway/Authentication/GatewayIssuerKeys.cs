using System.Collections.Concurrent;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The keys of every issuer whose tokens the gateway accepts: this organization's authority, and each partner's
/// authority as the current configuration names it (so a reload that adds or removes a partner is seen at once).
/// A partner's keys come from its <c>JwksFile</c> when given, else its <c>JwksUri</c>; each is loaded once per
/// configuration entry. Which issuer a given caller may present is decided by <see cref="DelegationTokenAuthenticationHandler"/>.
/// </summary>
internal sealed class GatewayIssuerKeys(
    string ownIssuer, IIssuerKeyResolver own, GatewaySnapshotProvider snapshots, HttpClient http, TimeProvider time) : IIssuerKeyResolver
{
    private readonly ConcurrentDictionary<PartnerAuthorityConfig, IIssuerKeyResolver> _partners = new();

    public string OwnIssuer { get; } = ownIssuer;

    public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken) =>
        Resolver(issuer) is { } resolver ? resolver.GetKeysAsync(issuer, cancellationToken) : ValueTask.FromResult<IssuerKeys?>(null);

    public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) =>
        Resolver(issuer) is { } resolver ? resolver.RefreshKeysAsync(issuer, cancellationToken) : ValueTask.FromResult<IssuerKeys?>(null);

    /// <summary>Keys of an authority configured by issuer and JWKS file or address (a partner's, or this organization's own in another process).</summary>
    public static IIssuerKeyResolver For(PartnerAuthorityConfig authority, HttpClient http, TimeProvider time)
    {
        var issuer = authority.Issuer.OriginalString;
        if (authority.JwksFile is { } file)
        {
            return new StaticIssuerKeyResolver(new IssuerKeys(issuer, JsonWebKeySet.Parse(File.ReadAllText(file))));
        }

        return new JwksIssuerKeyResolver([new JwksIssuer(issuer, authority.JwksUri!)], http, time);
    }

    private IIssuerKeyResolver? Resolver(string issuer)
    {
        if (issuer == OwnIssuer)
        {
            return own;
        }

        var partner = snapshots.Current.Config.Partners.FirstOrDefault(p => p.Authority.Issuer.OriginalString == issuer);
        return partner is null ? null : _partners.GetOrAdd(partner.Authority, authority => For(authority, http, time));
    }
}
