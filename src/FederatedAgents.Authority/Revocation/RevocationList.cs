using System.Collections.Concurrent;

namespace FederatedAgents.Authority.Revocation;

/// <summary>The in-memory set behind <see cref="IRevocationList"/>: revoked ids until their tokens expire.</summary>
internal sealed class RevocationList : IRevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public int Count => _revoked.Count;

    public bool IsRevoked(string jwtId) => _revoked.ContainsKey(jwtId);

    public void Add(string id, DateTimeOffset expiresAt) => _revoked[id] = expiresAt;

    /// <summary>Forgets revocations of tokens that have expired, which no validator accepts anyway.</summary>
    public void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiresAt < now)
            {
                _revoked.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, expiresAt));
            }
        }
    }
}
