namespace FederatedAgents.Tokens.Keys;

/// <summary>
/// The keys of a local <see cref="KeyRing"/> as one issuer's keys, read live so a rotation is seen
/// at once: how an authority verifies tokens it issued itself.
/// </summary>
public sealed class KeyRingIssuerKeyResolver : IIssuerKeyResolver
{
    private readonly string _issuer;
    private readonly KeyRing _ring;
    private IssuerKeys? _last;

    public KeyRingIssuerKeyResolver(string issuer, KeyRing ring)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        _issuer = issuer;
        _ring = ring;
    }

    public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken)
    {
        if (issuer != _issuer)
        {
            return ValueTask.FromResult<IssuerKeys?>(null);
        }

        var keys = _ring.PublicKeys;
        var last = _last;
        if (last is null || !ReferenceEquals(last.Keys, keys))
        {
            last = new IssuerKeys(_issuer, keys, [.. keys.Keys.Select(k => k.Algorithm).Distinct()]);
            _last = last;
        }

        return ValueTask.FromResult<IssuerKeys?>(last);
    }

    public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) =>
        GetKeysAsync(issuer, cancellationToken);
}
