namespace FederatedAgents.Authority.Client;

/// <summary>
/// An authority answered with an error: the RFC 6749 §5.2 <see cref="Error"/> and <see cref="ErrorDescription"/>
/// when it sent them, or what else went wrong (status, unreadable body, issuer mismatch).
/// </summary>
public sealed class AuthorityRequestException : Exception
{
    public AuthorityRequestException(string message, int? statusCode = null, string? error = null, string? errorDescription = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The OAuth <c>error</c> code, e.g. <c>invalid_scope</c>.</summary>
    public string? Error { get; }

    public string? ErrorDescription { get; }
}
