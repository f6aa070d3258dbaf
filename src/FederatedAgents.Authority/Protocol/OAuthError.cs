namespace FederatedAgents.Authority.Protocol;

/// <summary>
/// An RFC 6749 §5.2 error response: the HTTP status, the <c>error</c> code and an <c>error_description</c>
/// that tells the client's engineer what to fix. Descriptions never hold tokens or internal details.
/// Thrown by request handlers; the endpoint writes it.
/// </summary>
internal sealed class OAuthException : Exception
{
    private OAuthException(int status, string error, string description)
        : base(description)
    {
        Status = status;
        Error = error;
    }

    public int Status { get; }

    public string Error { get; }

    public string Description => Message;

    public static OAuthException InvalidRequest(string description) => new(400, "invalid_request", description);

    /// <summary>401, answered with a <c>WWW-Authenticate</c> challenge naming the accepted methods.</summary>
    public static OAuthException InvalidClient(string description) => new(401, "invalid_client", description);

    public static OAuthException InvalidGrant(string description) => new(400, "invalid_grant", description);

    public static OAuthException UnauthorizedClient(string description) => new(400, "unauthorized_client", description);

    public static OAuthException UnsupportedGrantType(string description) => new(400, "unsupported_grant_type", description);

    public static OAuthException InvalidScope(string description) => new(400, "invalid_scope", description);

    /// <summary>RFC 8693 §2.2.2 / RFC 8707: the audience or resource is not one this client may ask for.</summary>
    public static OAuthException InvalidTarget(string description) => new(400, "invalid_target", description);

    public static OAuthException UnsupportedTokenType(string description) => new(400, "unsupported_token_type", description);

    /// <summary>A dependency (the store, a partner's JWKS) failed; the description says which, without internals.</summary>
    public static OAuthException TemporarilyUnavailable(string description) => new(503, "temporarily_unavailable", description);
}
