using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Tokens.Caching;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// The gateway's side of identity chaining: validates a local caller's token (the own authority's keys, this
/// gateway's audience), exchanges it at the own authority for an authorization grant addressed to the partner's
/// authority and redeems that there with mutual TLS, for an access token bound to the gateway's certificate.
/// The gateway enters the chain as its newest actor (its own client-credentials token as actor token), so the partner
/// sees <c>person → agent → gateway</c>. Results are cached per (caller token, partner) by <see cref="PartnerTokenCache"/>.
/// </summary>
internal sealed class IdentityChaining : IDisposable
{
    private static readonly TimeSpan s_exchangeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The cache slot of the gateway's own token (no partner has this name: partner names cannot be empty).</summary>
    private const string OwnActorKey = "";

    private readonly OutboundConfig _config;
    private readonly HttpClient _http;
    private readonly AuthorityClient _own;
    private readonly ConcurrentDictionary<(string Issuer, string ClientId), AuthorityClient> _partners = new();
    private readonly PartnerTokenCache _cache;

    public IdentityChaining(OutboundConfig config, TimeProvider time)
    {
        _config = config;
        ClientCertificate = CertificateFiles.LoadWithKey(config.ClientCertificate.Path, config.ClientCertificate.KeyPath);
        TrustedAuthority = CertificateFiles.LoadCertificate(config.TrustedCertificateAuthority);
        _http = new HttpClient(AuthorityHttp.CreateHandler(ClientCertificate, TrustedAuthority))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = s_exchangeTimeout,
        };
        _own = new AuthorityClient(_http, config.Authority.Issuer, config.ClientId, time: time);
        var keys = new JwksIssuerKeyResolver([new JwksIssuer(config.Authority.Issuer, new Uri(config.Authority.Issuer.TrimEnd('/') + "/jwks"))], _http, time);
        Validator = new CachingTokenValidator(new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = config.Authority.Audience, Issuers = [config.Authority.Issuer] }, keys, time));
        _cache = new PartnerTokenCache(time);
    }

    public X509Certificate2 ClientCertificate { get; }

    public X509Certificate2 TrustedAuthority { get; }

    /// <summary>Validates local callers' tokens (cached by token hash until expiry).</summary>
    public ITokenValidator Validator { get; }

    public PartnerTokenCache Cache => _cache;

    /// <summary>A partner access token for <paramref name="caller"/>'s call to <paramref name="partner"/>; <see cref="AuthorityRequestException"/> when an authority refuses.</summary>
    public Task<TokenResult> GetPartnerTokenAsync(string callerToken, ValidatedToken caller, string partner, string partnerIssuer)
    {
        var settings = _config.Partner(partner);
        var client = _partners.GetOrAdd((partnerIssuer, settings?.ClientId ?? _config.ClientId), key => new AuthorityClient(_http, key.Issuer, key.ClientId));
        IReadOnlyList<string>? scopes = settings is { Scopes.Count: > 0 } ? settings.Scopes : null;
        return _cache.GetAsync(callerToken, caller.ExpiresAt, partner, async () =>
        {
            var actor = await _cache.GetAsync(_config.ClientId, null, OwnActorKey, () => _own.RequestClientCredentialsAsync());
            return await _own.ChainToPartnerAsync(callerToken, client, scopes, actorToken: actor.AccessToken);
        });
    }

    public void Dispose()
    {
        _http.Dispose();
        ClientCertificate.Dispose();
        TrustedAuthority.Dispose();
    }
}
