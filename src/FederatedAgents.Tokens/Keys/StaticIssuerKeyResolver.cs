using System.Collections.Frozen;

namespace FederatedAgents.Tokens.Keys;

/// <summary>Issuer keys fixed at construction (configured partner JWKS, registered client keys, tests).</summary>
public sealed class StaticIssuerKeyResolver : IIssuerKeyResolver
{
    private readonly FrozenDictionary<string, IssuerKeys> _issuers;

    /// <summary>Throws <see cref="ArgumentException"/> when an issuer appears twice.</summary>
    public StaticIssuerKeyResolver(IEnumerable<IssuerKeys> issuers)
    {
        var list = issuers.ToList();
        _issuers = list.ToFrozenDictionary(i => i.Issuer, StringComparer.Ordinal);
        if (_issuers.Count != list.Count)
        {
            throw new ArgumentException("An issuer is configured twice; give each issuer one entry.", nameof(issuers));
        }
    }

    public StaticIssuerKeyResolver(params IssuerKeys[] issuers)
        : this(issuers.AsEnumerable())
    {
    }

    public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_issuers.GetValueOrDefault(issuer));

    public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) =>
        GetKeysAsync(issuer, cancellationToken);
}
