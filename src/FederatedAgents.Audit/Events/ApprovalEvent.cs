using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>A human approval gate was decided; <see cref="AuditEvent.Subject"/> is the approver.</summary>
public sealed record ApprovalEvent : AuditEvent
{
    private protected override string KindName => AuditEventKinds.Approval;

    private protected override AuditOutcome OutcomeOfEvent => Approved ? AuditOutcome.Success : AuditOutcome.Denied;

    [JsonPropertyOrder(1)]
    public required string ApprovalId { get; init => field = AuditText.Required(value, nameof(ApprovalId)); }

    /// <summary>The workflow step the approval gates.</summary>
    [JsonPropertyOrder(2)]
    public string? Step { get; init => field = AuditText.Optional(value, nameof(Step)); }

    [JsonPropertyOrder(3)]
    public required bool Approved { get; init; }
}
