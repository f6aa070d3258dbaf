namespace FederatedAgents.Tokens.Validation;

/// <summary>
/// The identity-chaining JWT authorization grant (RFC 7523 §3 as draft-ietf-oauth-identity-chaining
/// uses it): addressed to exactly one authority, short-lived, with a <c>jti</c> so the receiver can
/// enforce single use.
/// </summary>
internal sealed class AuthorizationGrantKind : TokenKind
{
    public AuthorizationGrantKind()
        : base("authorization grant", TokenTypes.AuthorizationGrant)
    {
    }

    internal override bool RequiresSingleAudience => true;

    internal override TokenError? CheckClaims(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now) =>
        Require(claims.Subject is not null, ClaimNames.Subject, this)
        ?? Require(claims.IssuedAt is not null, ClaimNames.IssuedAt, this)
        ?? Require(claims.JwtId is not null, ClaimNames.JwtId, this)
        ?? RequireShortLifetime(claims, options, now, this);
}
