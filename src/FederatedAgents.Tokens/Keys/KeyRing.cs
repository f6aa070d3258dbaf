using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Keys;

/// <summary>
/// An issuer's signing keys: it signs with <see cref="Current"/> and publishes current, next and
/// previous in <see cref="PublicKeys"/>. <see cref="Rotate()"/> promotes next to current and keeps
/// the old current as previous, so verifiers that cached the JWKS before a rotation already know
/// the new signing key, and tokens signed just before it still verify until they expire.
/// Rotate at intervals longer than the longest token lifetime plus the verifiers' JWKS cache time.
/// Thread-safe: readers always see one consistent set.
/// </summary>
public sealed class KeyRing
{
    private readonly Lock _rotation = new();
    private volatile Snapshot _snapshot;

    /// <summary>Throws <see cref="ArgumentException"/> when two of the keys share a <c>kid</c>.</summary>
    public KeyRing(SigningKey current, SigningKey next, SigningKey? previous = null) =>
        _snapshot = Snapshot.Create(previous, current, next);

    public SigningKey Current => _snapshot.Current;

    /// <summary>Published now, signs after the next rotation.</summary>
    public SigningKey Next => _snapshot.Next;

    /// <summary>Signed before the last rotation; published until the next one. Null before the first rotation.</summary>
    public SigningKey? Previous => _snapshot.Previous;

    /// <summary>The public JWKS to serve: current, next and (when there is one) previous.</summary>
    public JsonWebKeySet PublicKeys => _snapshot.PublicKeys;

    /// <summary>A development ring of freshly generated keys (ES256 unless told otherwise).</summary>
    public static KeyRing Generate(JwsAlgorithm? algorithm = null) =>
        new(SigningKey.Generate(algorithm), SigningKey.Generate(algorithm));

    /// <summary>Rotates with a freshly generated next key of the current key's algorithm.</summary>
    public void Rotate() => Rotate(SigningKey.Generate(Current.Algorithm));

    /// <summary>Rotates: next becomes current, current becomes previous, <paramref name="next"/> becomes next.</summary>
    public void Rotate(SigningKey next)
    {
        lock (_rotation)
        {
            var old = _snapshot;
            _snapshot = Snapshot.Create(old.Current, old.Next, next);
        }
    }

    private sealed record Snapshot(SigningKey? Previous, SigningKey Current, SigningKey Next, JsonWebKeySet PublicKeys)
    {
        public static Snapshot Create(SigningKey? previous, SigningKey current, SigningKey next)
        {
            SigningKey[] keys = previous is null ? [current, next] : [current, next, previous];
            return new Snapshot(previous, current, next, new JsonWebKeySet(keys.Select(k => k.PublicKey)));
        }
    }
}
