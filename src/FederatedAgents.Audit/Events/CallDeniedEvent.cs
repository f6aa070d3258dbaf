using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>The gateway refused a call; <see cref="AuditEvent.Reason"/> says which rule.</summary>
public sealed record CallDeniedEvent : CallEvent
{
    private protected override string KindName => AuditEventKinds.CallDenied;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Denied;

    /// <summary>The gRPC status returned to the caller (e.g. 7 PERMISSION_DENIED, 16 UNAUTHENTICATED).</summary>
    [JsonPropertyOrder(10)]
    public required int GrpcStatus { get; init => field = CheckStatus(value); }
}
