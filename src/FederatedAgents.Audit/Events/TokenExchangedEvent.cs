using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// A token exchange (RFC 8693) or a partner's authorization grant (RFC 7523): the incoming token's
/// <c>jti</c>, the issued token's <c>jti</c>, and the resulting actor chain in <see cref="AuditEvent.Actors"/>.
/// </summary>
public sealed record TokenExchangedEvent : TokenEvent
{
    private protected override string KindName => AuditEventKinds.TokenExchanged;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Success;

    [JsonPropertyOrder(10)]
    public required string SubjectTokenId { get; init => field = AuditText.Required(value, nameof(SubjectTokenId)); }

    [JsonPropertyOrder(11)]
    public required string TokenId { get; init => field = AuditText.Required(value, nameof(TokenId)); }

    [JsonPropertyOrder(12)]
    public required DateTimeOffset ExpiresAt { get; init => field = value.ToUniversalTime(); }
}
