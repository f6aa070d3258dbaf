namespace FederatedAgents.Tokens.Issuance;

/// <summary>A signed token and the values the issuer chose for it (log the <see cref="JwtId"/>, never the token). <see cref="ExpiresAt"/> is null only for signed statements issued without a lifetime.</summary>
public sealed record IssuedToken(string Token, string JwtId, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, string KeyId);
