namespace FederatedAgents.Tokens.Issuance;

/// <summary>A signed token and the values the issuer chose for it (log the <see cref="JwtId"/>, never the token).</summary>
public sealed record IssuedToken(string Token, string JwtId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string KeyId);
