using System.Text.Json;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Validation;

/// <summary>A token that passed every check of its kind. Immutable; may be cached and shared.</summary>
public sealed class ValidatedToken
{
    public required TokenKind Kind { get; init; }

    public required string Issuer { get; init; }

    /// <summary>The <c>sub</c> claim; always set for access tokens, grants and client assertions.</summary>
    public string? Subject { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    public string? ClientId { get; init; }

    public string? JwtId { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>exp</c> claim; null only for signed statements without one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Subject, actors (outermost <c>act</c> = current), scopes, txn, purpose, cnf; null when there is no <c>sub</c>.</summary>
    public DelegationChain? Chain { get; init; }

    /// <summary>The granted scopes (the <c>scope</c> claim, split).</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The <c>kid</c> of the issuer key that verified the signature.</summary>
    public required string KeyId { get; init; }

    public required JwsAlgorithm Algorithm { get; init; }

    /// <summary>The whole claims set, for claims this library does not model (e.g. an audit receipt's fields).</summary>
    public required JsonElement Claims { get; init; }
}
