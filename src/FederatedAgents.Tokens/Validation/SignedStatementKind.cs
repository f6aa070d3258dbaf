namespace FederatedAgents.Tokens.Validation;

/// <summary>A signed statement of a caller-named type (audit receipts, checkpoints): <c>iat</c> required, no expiry required.</summary>
internal sealed class SignedStatementKind : TokenKind
{
    private static readonly TokenKind[] s_reserved = [AccessToken, AuthorizationGrant, ClientAssertion];

    public SignedStatementKind(string type)
        : base("signed statement", type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (!type.EndsWith("+jwt", StringComparison.OrdinalIgnoreCase) || type.Contains('/'))
        {
            throw new ArgumentException($"A signed statement type is a media subtype ending in '+jwt' without 'application/', e.g. '{TokenTypes.AuditReceipt}'; '{type}' is not.", nameof(type));
        }

        if (s_reserved.FirstOrDefault(k => k.MatchesType(type)) is { } reserved)
        {
            throw new ArgumentException($"'{type}' is the type of the {reserved.Name} kind; validate it as that kind, not as a signed statement.", nameof(type));
        }
    }

    internal override bool RequiresAudience => false;

    internal override bool RequiresExpiry => false;

    internal override TokenError? CheckClaims(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now) =>
        Require(claims.IssuedAt is not null, ClaimNames.IssuedAt, this);
}
