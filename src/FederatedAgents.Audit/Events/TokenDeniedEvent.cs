using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>The authority refused a token request; <see cref="Error"/> is the OAuth error code returned.</summary>
public sealed record TokenDeniedEvent : TokenEvent
{
    private protected override string KindName => AuditEventKinds.TokenDenied;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Denied;

    [JsonPropertyOrder(10)]
    public required string Error { get; init => field = AuditText.Required(value, nameof(Error)); }
}
