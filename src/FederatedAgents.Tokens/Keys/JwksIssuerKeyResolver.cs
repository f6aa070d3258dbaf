using System.Collections.Frozen;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Keys;

/// <summary>
/// Issuer keys fetched from each configured issuer's HTTPS <c>jwks_uri</c> and cached for
/// <see cref="JwksResolverOptions.RefreshInterval"/>. An unknown <c>kid</c> triggers at most one
/// refetch per <see cref="JwksResolverOptions.MinimumRefetchInterval"/> per issuer; concurrent
/// callers share one fetch. Unconfigured issuers are never fetched. A failed fetch keeps the
/// previous keys and reports why in <see cref="IssuerKeys.Problem"/>; it never throws.
/// </summary>
public sealed class JwksIssuerKeyResolver : IIssuerKeyResolver
{
    private readonly FrozenDictionary<string, IssuerState> _issuers;
    private readonly JwksDocumentFetcher _fetcher;
    private readonly TimeProvider _time;
    private readonly JwksResolverOptions _options;

    /// <summary>Throws <see cref="ArgumentException"/> when a JWKS URI is not absolute https or an issuer is listed twice.</summary>
    public JwksIssuerKeyResolver(IEnumerable<JwksIssuer> issuers, HttpClient http, TimeProvider time, JwksResolverOptions? options = null)
    {
        var list = issuers.ToList();
        foreach (var issuer in list.Where(i => !i.JwksUri.IsAbsoluteUri || i.JwksUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The JWKS URI '{issuer.JwksUri}' of issuer '{issuer.Issuer}' must be an absolute https URI.", nameof(issuers));
        }

        _issuers = list.ToFrozenDictionary(i => i.Issuer, i => new IssuerState(i), StringComparer.Ordinal);
        if (_issuers.Count != list.Count)
        {
            throw new ArgumentException("An issuer is configured twice; give each issuer one jwks_uri.", nameof(issuers));
        }

        _time = time;
        _options = options ?? new JwksResolverOptions();
        _fetcher = new JwksDocumentFetcher(http, time, _options);
    }

    public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken)
    {
        if (!_issuers.TryGetValue(issuer, out var state))
        {
            return ValueTask.FromResult<IssuerKeys?>(null);
        }

        var cached = state.Cached;
        return cached is not null && _time.GetUtcNow() - cached.FetchedAt < _options.RefreshInterval
            ? ValueTask.FromResult<IssuerKeys?>(cached.Keys)
            : FetchAsync(state, cancellationToken);
    }

    public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) =>
        _issuers.TryGetValue(issuer, out var state)
            ? FetchAsync(state, cancellationToken)
            : ValueTask.FromResult<IssuerKeys?>(null);

    private async ValueTask<IssuerKeys?> FetchAsync(IssuerState state, CancellationToken cancellationToken)
    {
        Task<IssuerKeys> fetch;
        lock (state.Gate)
        {
            var now = _time.GetUtcNow();
            if (state.InFlight is { IsCompleted: false } running)
            {
                fetch = running;
            }
            else if (state.Cached is { } cached && now - state.LastAttempt < _options.MinimumRefetchInterval)
            {
                return cached.Keys;
            }
            else
            {
                state.LastAttempt = now;
                fetch = state.InFlight = FetchAndStoreAsync(state);
            }
        }

        return await fetch.WaitAsync(cancellationToken);
    }

    private async Task<IssuerKeys> FetchAndStoreAsync(IssuerState state)
    {
        var (keys, problem) = await _fetcher.FetchAsync(state.Config.JwksUri);
        lock (state.Gate)
        {
            var previous = state.Cached;
            state.Cached = keys is not null
                ? new CachedKeys(new IssuerKeys(state.Config.Issuer, keys, state.Config.AllowedAlgorithms), _time.GetUtcNow())
                : new CachedKeys(
                    new IssuerKeys(state.Config.Issuer, previous?.Keys.Keys ?? JsonWebKeySet.Empty, state.Config.AllowedAlgorithms, problem),
                    previous?.FetchedAt ?? DateTimeOffset.MinValue);
            return state.Cached.Keys;
        }
    }

    private sealed record CachedKeys(IssuerKeys Keys, DateTimeOffset FetchedAt);

    private sealed class IssuerState(JwksIssuer config)
    {
        public Lock Gate { get; } = new();

        public JwksIssuer Config { get; } = config;

        public volatile CachedKeys? Cached;

        public Task<IssuerKeys>? InFlight { get; set; }

        public DateTimeOffset LastAttempt { get; set; } = DateTimeOffset.MinValue;
    }
}
