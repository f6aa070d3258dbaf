using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>The gateway refused a call; <see cref="AuditEvent.Reason"/> says which rule.</summary>
public sealed record CallDeniedEvent : CallEvent
{
    public override string Kind => AuditEventKinds.CallDenied;

    public override AuditOutcome Outcome => AuditOutcome.Denied;

    /// <summary>The gRPC status returned to the caller (e.g. 7 PERMISSION_DENIED, 16 UNAUTHENTICATED).</summary>
    [JsonPropertyOrder(10)]
    public required int GrpcStatus { get; init => field = CheckStatus(value); }
}
