namespace FederatedAgents.Audit.Events;

/// <summary>The <c>kind</c> discriminator of each audit event in the canonical JSON.</summary>
public static class AuditEventKinds
{
    public const string TokenIssued = "token.issued";
    public const string TokenExchanged = "token.exchanged";
    public const string TokenDenied = "token.denied";
    public const string CallAllowed = "call.allowed";
    public const string CallDenied = "call.denied";
    public const string CallCompleted = "call.completed";
    public const string Approval = "approval";
    public const string Revocation = "revocation";
}
