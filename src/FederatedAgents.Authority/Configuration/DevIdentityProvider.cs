using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Authority.Configuration;

/// <summary>The development identity provider's users as checked at startup.</summary>
internal sealed class DevIdentityProvider
{
    private readonly FrozenDictionary<string, DevUser> _users;

    public DevIdentityProvider(TimeSpan tokenLifetime, IEnumerable<DevUser> users)
    {
        TokenLifetime = tokenLifetime;
        _users = users.ToFrozenDictionary(u => u.Username, StringComparer.Ordinal);
    }

    public TimeSpan TokenLifetime { get; }

    /// <summary>The user when the password matches, the password compared in constant time; null otherwise.</summary>
    public DevUser? Authenticate(string username, string password)
    {
        return _users.TryGetValue(username, out var user)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)), user.PasswordHash)
            ? user
            : null;
    }
}

/// <summary>A test user: SHA-256 of the password, the scopes held, and who may act for them.</summary>
internal sealed record DevUser(string Username, byte[] PasswordHash, IReadOnlyList<string> Scopes, Principal? MayAct);
