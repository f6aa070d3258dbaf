using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Keys;

/// <summary>
/// The keys one issuer signs with and the algorithms its tokens may use. A token is verified
/// only with a key from its own issuer's set, and only when its <c>alg</c> is both allowed here
/// and the algorithm of the key its <c>kid</c> names.
/// </summary>
public sealed class IssuerKeys
{
    /// <param name="issuer">The exact <c>iss</c> value.</param>
    /// <param name="keys">The issuer's public keys.</param>
    /// <param name="allowedAlgorithms">Defaults to ES256 only; list RS256 or PS256 only where the partner's configuration requires them.</param>
    /// <param name="problem">Why the keys may be stale or empty (a failed JWKS fetch), or null.</param>
    public IssuerKeys(string issuer, JsonWebKeySet keys, IReadOnlyList<JwsAlgorithm>? allowedAlgorithms = null, string? problem = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        Issuer = issuer;
        Keys = keys;
        AllowedAlgorithms = allowedAlgorithms is { Count: > 0 } ? allowedAlgorithms : [JwsAlgorithm.ES256];
        Problem = problem;
    }

    public string Issuer { get; }

    public JsonWebKeySet Keys { get; }

    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; }

    /// <summary>Why these keys may be incomplete (e.g. the last JWKS fetch failed); null when they are current.</summary>
    public string? Problem { get; }

    public bool Allows(JwsAlgorithm algorithm) => AllowedAlgorithms.Contains(algorithm);
}
