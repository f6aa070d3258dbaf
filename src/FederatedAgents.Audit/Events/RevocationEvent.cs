using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// A token was revoked (RFC 7009). A JWT is named by its <c>jti</c>; an opaque token only by its
/// digest (<see cref="Sha256Hash.Of"/> of its bytes), never by its value.
/// </summary>
public sealed record RevocationEvent : AuditEvent
{
    private protected override string KindName => AuditEventKinds.Revocation;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Success;

    [JsonPropertyOrder(1)]
    public string? TokenId { get; init => field = AuditText.Optional(value, nameof(TokenId)); }

    [JsonPropertyOrder(2)]
    public Sha256Hash? TokenDigest { get; init; }
}
