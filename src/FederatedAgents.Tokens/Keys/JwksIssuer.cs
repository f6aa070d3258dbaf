using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Keys;

/// <summary>A trusted issuer whose keys are published at an HTTPS <c>jwks_uri</c>.</summary>
/// <param name="Issuer">The exact <c>iss</c> value.</param>
/// <param name="JwksUri">An absolute https URI, configured out of band (never taken from a token).</param>
/// <param name="AllowedAlgorithms">Defaults to ES256 only; add RS256/PS256 only where the partner requires them.</param>
public sealed record JwksIssuer(string Issuer, Uri JwksUri, IReadOnlyList<JwsAlgorithm>? AllowedAlgorithms = null);

/// <summary>Caching and safety limits for <see cref="JwksIssuerKeyResolver"/>.</summary>
public sealed record JwksResolverOptions
{
    /// <summary>How long fetched keys are used before they are fetched again. Default 1 hour.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The least time between two fetches for one issuer, whatever asks for them (an unknown
    /// <c>kid</c>, a failed fetch). Bounds what a stream of tokens with invented kids can cause. Default 1 minute.
    /// </summary>
    public TimeSpan MinimumRefetchInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one fetch. Default 10 seconds.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest JWKS document accepted. Default 64 KiB.</summary>
    public int MaxDocumentBytes { get; init; } = 64 * 1024;
}
