using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>The authority issued a token; <see cref="TokenId"/> is its <c>jti</c>.</summary>
public sealed record TokenIssuedEvent : TokenEvent
{
    private protected override string KindName => AuditEventKinds.TokenIssued;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Success;

    [JsonPropertyOrder(10)]
    public required string TokenId { get; init => field = AuditText.Required(value, nameof(TokenId)); }

    [JsonPropertyOrder(11)]
    public required DateTimeOffset ExpiresAt { get; init => field = value.ToUniversalTime(); }
}
