namespace FederatedAgents.Tokens.Validation;

/// <summary>RFC 9068 §2.2: an access token carries <c>sub</c>, <c>client_id</c>, <c>iat</c> and <c>jti</c> besides iss/exp/aud.</summary>
internal sealed class AccessTokenKind : TokenKind
{
    public AccessTokenKind()
        : base("access token", TokenTypes.AccessToken)
    {
    }

    internal override TokenError? CheckClaims(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now) =>
        Require(claims.Subject is not null, ClaimNames.Subject, this)
        ?? Require(claims.ClientId is not null, ClaimNames.ClientId, this)
        ?? Require(claims.IssuedAt is not null, ClaimNames.IssuedAt, this)
        ?? Require(claims.JwtId is not null, ClaimNames.JwtId, this);
}
