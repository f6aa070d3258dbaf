using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Authority.Events;

/// <summary>
/// Something the authority decided, as a typed record for the audit log. Events name tokens by
/// <c>jti</c> only and never carry a token. <see cref="TraceId"/> is the W3C trace of the request.
/// </summary>
public abstract record AuthorityEvent
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>The authenticated client, or the client id the request claimed when authentication failed; null when none.</summary>
    public string? ClientId { get; init; }

    /// <summary>The grant type (or <c>dev_login</c>, <c>revocation</c>) of the request.</summary>
    public required string Operation { get; init; }

    public string? TraceId { get; init; }
}

/// <summary>A token was issued: by client credentials, a development login, a token exchange or a partner's grant.</summary>
public sealed record TokenIssuedEvent : AuthorityEvent
{
    public required string JwtId { get; init; }

    /// <summary>Ids of the tokens it was exchanged from (subject, actor, partner grant); empty for a first token.</summary>
    public IReadOnlyList<string> ParentIds { get; init; } = [];

    /// <summary>The token's subject and actors, earliest first; the last actor is the one now acting.</summary>
    public required DelegationChain Chain { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary><c>access token</c> or <c>authorization grant</c>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>A request was refused, with the OAuth error and the description the client received.</summary>
public sealed record RequestDeniedEvent : AuthorityEvent
{
    public required string Error { get; init; }

    public required string Reason { get; init; }
}

/// <summary>A token was revoked, and with it every token exchanged from it.</summary>
public sealed record TokenRevokedEvent : AuthorityEvent
{
    public required string JwtId { get; init; }

    /// <summary>The ids revoked with it because they descend from it.</summary>
    public required IReadOnlyList<string> DescendantIds { get; init; }
}
