namespace FederatedAgents.Tokens.Validation;

/// <summary>
/// RFC 7523 §3 client authentication with draft-ietf-oauth-rfc7523bis: the client is both
/// <c>iss</c> and <c>sub</c> (and <c>client_id</c> when present), the only audience is the
/// authority's issuer identifier, <c>jti</c> is required for replay detection, and the lifetime is short.
/// </summary>
internal sealed class ClientAssertionKind : TokenKind
{
    public ClientAssertionKind()
        : base("client assertion", TokenTypes.ClientAssertion)
    {
    }

    internal override bool RequiresSingleAudience => true;

    internal override TokenError? CheckClaims(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now)
    {
        if (Require(claims.Subject is not null, ClaimNames.Subject, this) is { } missingSubject)
        {
            return missingSubject;
        }

        if (claims.Subject != claims.Issuer || (claims.ClientId is not null && claims.ClientId != claims.Issuer))
        {
            return new TokenError(
                TokenErrorCode.InvalidClaim,
                "a client assertion must have iss = sub (= client_id when present) = the client's id");
        }

        return Require(claims.JwtId is not null, ClaimNames.JwtId, this) ?? RequireShortLifetime(claims, options, now, this);
    }
}
