using FederatedAgents.Audit.Receipts;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// A local agent's call on its way to a partner, as identity chaining left it: which partner, the partner access
/// token it travels with (bound to the gateway's certificate; the caller's own token never leaves), the trace it
/// belongs to, and — once the partner answered — what became of its audit receipt.
/// </summary>
internal sealed class OutboundHop(string partner, string partnerToken, string traceParent)
{
    public string Partner { get; } = partner;

    /// <summary>The access token the partner's authority issued to this gateway for the call.</summary>
    public string PartnerToken { get; } = partnerToken;

    /// <summary>The caller's W3C <c>traceparent</c>, or a new one when it sent none.</summary>
    public string TraceParent { get; } = traceParent;

    /// <summary>The partner's receipt, verified; or why there is none. Null until the call completes.</summary>
    public AuditReceiptResult? Receipt { get; set; }

    /// <summary>The status the caller got instead of the partner's OK because the receipt was missing or invalid; null otherwise.</summary>
    public Status? VoidedStatus { get; set; }
}
