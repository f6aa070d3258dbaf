namespace FederatedAgents.Tokens.Validation;

/// <summary>The <c>typ</c> header values of the token kinds (explicit typing, RFC 8725 §3.11).</summary>
public static class TokenTypes
{
    /// <summary>RFC 9068 JWT access tokens.</summary>
    public const string AccessToken = "at+jwt";

    /// <summary>
    /// The cross-domain JWT authorization grant of the identity-chaining flow, issued by an
    /// organization's authority for a partner authority. draft-ietf-oauth-identity-chaining defines
    /// no media type and leaves explicit typing to profiles. The ID-JAG type (<c>oauth-id-jag+jwt</c>)
    /// belongs to a different profile (an SSO identity provider vouching for a user, with its own
    /// claim rules), and reusing it would let one profile's grant pass the other's validator, which
    /// explicit typing exists to prevent. So this profile has its own type, in the vendor tree (RFC 6838 §3.2).
    /// </summary>
    public const string AuthorizationGrant = "vnd.federatedagents.authz-grant+jwt";

    /// <summary>RFC 7523 client assertions, typed as draft-ietf-oauth-rfc7523bis registers.</summary>
    public const string ClientAssertion = "client-authentication+jwt";

    /// <summary>The audit log's signed receipts (a <see cref="TokenKind.SignedStatement"/> kind).</summary>
    public const string AuditReceipt = "audit-receipt+jwt";
}
