using FederatedAgents.Tokens.Keys;

namespace FederatedAgents.Authority;

/// <summary>
/// The authority of this process as a resource server in the same process (the gateway) needs it: its
/// exact issuer and its live public keys (rotations seen at once), so tokens are validated without
/// fetching its own JWKS. Registered by <c>AddFederatedAuthority</c>. Validate with
/// <c>new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = …, Issuers = [Issuer] }, Keys, time)</c>,
/// and ask <see cref="Revocation.IRevocationList"/> about the token's <c>jti</c>.
/// </summary>
public sealed class LocalAuthority
{
    internal LocalAuthority(string issuer, KeyRing keys)
    {
        Issuer = issuer;
        Keys = new KeyRingIssuerKeyResolver(issuer, keys);
    }

    public string Issuer { get; }

    /// <summary>Answers for <see cref="Issuer"/> only.</summary>
    public IIssuerKeyResolver Keys { get; }
}
