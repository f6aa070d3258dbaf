using System.Net;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:Partners</c> and <c>Authority:TrustedIdentityProviders</c>: other issuers whose tokens are
/// accepted here, each with its keys from an https <c>jwks_uri</c> (fetched, cached, refetched on an unknown
/// <c>kid</c>) or a JWK Set file, and the algorithms allowed.
/// </summary>
internal sealed class IssuerTrustLoader
{
    private readonly ConfigurationFiles _files;
    private readonly ConfigurationProblems _problems;
    private readonly TimeProvider _time;
    private readonly List<IDisposable> _owned;

    public IssuerTrustLoader(ConfigurationFiles files, ConfigurationProblems problems, TimeProvider time, List<IDisposable> owned)
    {
        _files = files;
        _problems = problems;
        _time = time;
        _owned = owned;
    }

    public List<PartnerRegistration> LoadPartners(IReadOnlyList<PartnerOptions> partners, string? ownIssuer, int defaultDepth)
    {
        var loaded = new List<PartnerRegistration>();
        for (var i = 0; i < partners.Count; i++)
        {
            var key = $"Authority:Partners:{i}";
            var partner = partners[i];
            if (string.IsNullOrWhiteSpace(partner.Name) || loaded.Any(p => p.Name == partner.Name))
            {
                _problems.Add($"{key}:Name", $"is {(string.IsNullOrWhiteSpace(partner.Name) ? "missing" : $"'{partner.Name}', which another partner already uses")}; give each partner its own short name, e.g. \"bureau\".");
            }

            if (partner.MaxDelegationDepth is < 1 or > 16)
            {
                _problems.Add($"{key}:MaxDelegationDepth", $"is {partner.MaxDelegationDepth}; allow between 1 and 16 actors, or remove it to use Authority:MaxDelegationDepth.");
            }

            var (issuer, trust, keys) = Load(key, partner, ownIssuer, loaded.Select(p => p.Issuer));
            if (issuer is not null && keys is not null && !string.IsNullOrWhiteSpace(partner.Name))
            {
                loaded.Add(new PartnerRegistration
                {
                    Name = partner.Name,
                    Issuer = issuer,
                    Keys = keys,
                    CertificateTrust = trust,
                    MaxDelegationDepth = partner.MaxDelegationDepth ?? defaultDepth,
                });
            }
        }

        return loaded;
    }

    public List<IdentityProviderRegistration> LoadIdentityProviders(IReadOnlyList<TrustedIdentityProviderOptions> providers, string? ownIssuer)
    {
        var loaded = new List<IdentityProviderRegistration>();
        for (var i = 0; i < providers.Count; i++)
        {
            var key = $"Authority:TrustedIdentityProviders:{i}";
            var provider = providers[i];
            var (issuer, _, keys) = Load(key, provider, ownIssuer, loaded.Select(p => p.Issuer));
            if (issuer is not null && keys is not null && ownIssuer is not null)
            {
                loaded.Add(new IdentityProviderRegistration { Issuer = issuer, Audience = provider.Audience ?? ownIssuer, Keys = keys });
            }
        }

        return loaded;
    }

    /// <summary>The issuer, its CA and its key source; each null after recording why.</summary>
    private (string? Issuer, CertificateTrust? Trust, IIssuerKeyResolver? Keys) Load(string key, TrustedIssuerOptions options, string? ownIssuer, IEnumerable<string> others)
    {
        var issuer = Issuer(key, options.Issuer, ownIssuer, others);
        var trust = options.CertificateAuthorityFile is null ? null : _files.LoadAuthority($"{key}:CertificateAuthorityFile", options.CertificateAuthorityFile);
        return (issuer, trust, issuer is null ? null : Keys(key, issuer, options, trust));
    }

    private string? Issuer(string key, string? issuer, string? ownIssuer, IEnumerable<string> others)
    {
        if (string.IsNullOrWhiteSpace(issuer) || !Uri.TryCreate(issuer, UriKind.Absolute, out _))
        {
            _problems.Add($"{key}:Issuer", $"is {(string.IsNullOrWhiteSpace(issuer) ? "missing" : $"'{issuer}'")}; set it to the exact issuer identifier from the other side's metadata, e.g. \"https://127.0.0.1:7543\".");
            return null;
        }

        if (issuer == ownIssuer || others.Contains(issuer))
        {
            _problems.Add($"{key}:Issuer", $"is '{issuer}', which is {(issuer == ownIssuer ? "this authority's own issuer" : "already listed")}; each trusted issuer appears once and is never this authority.");
            return null;
        }

        return issuer;
    }

    private IIssuerKeyResolver? Keys(string key, string issuer, TrustedIssuerOptions options, CertificateTrust? trust)
    {
        var (jwksUri, jwksFile) = (options.JwksUri, options.JwksFile);
        var algorithms = new List<JwsAlgorithm>();
        foreach (var (name, index) in options.Algorithms.Select((n, i) => (n, i)))
        {
            if (_problems.Catch($"{key}:Algorithms:{index}", () => JwsAlgorithm.Parse(name)) is { } algorithm)
            {
                algorithms.Add(algorithm);
            }
        }

        if ((jwksUri is null) == (jwksFile is null))
        {
            _problems.Add($"{key}:JwksUri", "and JwksFile: set exactly one, the https jwks_uri from the issuer's metadata or a JWK Set file of its public keys.");
            return null;
        }

        if (jwksFile is not null)
        {
            var set = _files.LoadJwksFile($"{key}:JwksFile", jwksFile);
            return set is null ? null : new StaticIssuerKeyResolver(new IssuerKeys(issuer, set, algorithms));
        }

        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            _problems.Add($"{key}:JwksUri", $"is '{jwksUri}'; keys are only fetched over https: use the jwks_uri from the issuer's metadata.");
            return null;
        }

        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false };
        if (trust is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = trust.CreateCallback(CertificateUsage.Server);
        }

        var http = new HttpClient(handler);
        _owned.Add(http);
        return new JwksIssuerKeyResolver([new JwksIssuer(issuer, uri, algorithms)], http, _time);
    }
}
