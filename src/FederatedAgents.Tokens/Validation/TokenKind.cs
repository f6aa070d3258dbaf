namespace FederatedAgents.Tokens.Validation;

/// <summary>
/// What a token is for, fixed by its <c>typ</c> header and its own claim rules. A validator
/// accepts exactly one kind, so a token of one kind is never accepted as another. The set is
/// closed apart from <see cref="SignedStatement"/>, whose type the caller names.
/// </summary>
public abstract class TokenKind
{
    private protected TokenKind(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>RFC 9068 access token (<c>at+jwt</c>): <c>iss, exp, aud, sub, client_id, iat, jti</c> required.</summary>
    public static TokenKind AccessToken { get; } = new AccessTokenKind();

    /// <summary>
    /// Cross-domain JWT authorization grant (<see cref="TokenTypes.AuthorizationGrant"/>): one <c>aud</c>
    /// (the receiving authority), <c>sub, iat, jti</c> required, lifetime at most
    /// <see cref="TokenValidatorOptions.MaxAssertionLifetime"/>.
    /// </summary>
    public static TokenKind AuthorizationGrant { get; } = new AuthorizationGrantKind();

    /// <summary>
    /// RFC 7523 client assertion (<c>client-authentication+jwt</c>): <c>iss</c> = <c>sub</c> = the client id,
    /// one <c>aud</c> (the authority's issuer), <c>jti</c> required, short lifetime.
    /// </summary>
    public static TokenKind ClientAssertion { get; } = new ClientAssertionKind();

    /// <summary>A human-readable name, e.g. "access token".</summary>
    public string Name { get; }

    /// <summary>The <c>typ</c> this kind is issued with.</summary>
    public string Type { get; }

    /// <summary>Whether validators need <see cref="TokenValidatorOptions.Audience"/> (all kinds but signed statements).</summary>
    internal virtual bool RequiresAudience => true;

    /// <summary>Whether <c>aud</c> must hold exactly one value.</summary>
    internal virtual bool RequiresSingleAudience => false;

    internal virtual bool RequiresExpiry => true;

    /// <summary>
    /// A signed statement of the caller's type, e.g. <see cref="TokenTypes.AuditReceipt"/>: <c>iss</c> and
    /// <c>iat</c> required; <c>exp</c> and <c>aud</c> checked when present (and <c>aud</c> required when the
    /// validator names an audience).
    /// </summary>
    public static TokenKind SignedStatement(string type) => new SignedStatementKind(type);

    /// <summary>
    /// Whether a <c>typ</c> header names this kind: media types compare case-insensitively and the
    /// <c>application/</c> prefix may be present or omitted (RFC 7515 §4.1.9, RFC 9068 §4).
    /// </summary>
    public bool MatchesType(string? type)
    {
        if (type is null)
        {
            return false;
        }

        const string prefix = "application/";
        var bare = type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? type.AsSpan(prefix.Length) : type;
        return bare.Equals(Type, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The kind's own claim rules, after signature and time checks.</summary>
    internal abstract TokenError? CheckClaims(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now);

    public override string ToString() => $"{Name} ({Type})";

    private protected static TokenError? Require(bool present, string claim, TokenKind kind) =>
        !present ? new TokenError(TokenErrorCode.MissingClaim, $"a {kind.Name} must have a '{claim}' claim") : null;

    private protected static TokenError? RequireShortLifetime(JwtClaims claims, TokenValidatorOptions options, DateTimeOffset now, TokenKind kind)
    {
        var lifetime = claims.ExpiresAt!.Value - (claims.IssuedAt ?? now);
        return lifetime <= options.MaxAssertionLifetime
            ? null
            : new TokenError(
                TokenErrorCode.InvalidClaim,
                $"a {kind.Name} may live at most {options.MaxAssertionLifetime.TotalSeconds:0} s; this one lives {lifetime.TotalSeconds:0} s");
    }
}
