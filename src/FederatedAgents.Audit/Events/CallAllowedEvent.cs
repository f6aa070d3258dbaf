namespace FederatedAgents.Audit.Events;

/// <summary>The gateway's policy allowed an inbound or outbound call.</summary>
public sealed record CallAllowedEvent : CallEvent
{
    public override string Kind => AuditEventKinds.CallAllowed;

    public override AuditOutcome Outcome => AuditOutcome.Success;
}
