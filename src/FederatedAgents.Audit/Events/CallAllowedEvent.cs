namespace FederatedAgents.Audit.Events;

/// <summary>The gateway's policy allowed an inbound or outbound call.</summary>
public sealed record CallAllowedEvent : CallEvent
{
    private protected override string KindName => AuditEventKinds.CallAllowed;

    private protected override AuditOutcome OutcomeOfEvent => AuditOutcome.Success;
}
