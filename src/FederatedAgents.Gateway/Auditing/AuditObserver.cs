using FederatedAgents.Audit.Events;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Auditing;

/// <summary>
/// Records every call in the organization's audit log — <see cref="CallDeniedEvent"/> when a filter refused it,
/// <see cref="CallCompletedEvent"/> otherwise — and waits until the record is durable before the caller gets its
/// status: a call that cannot be recorded ends with INTERNAL instead of its own status. A partner caller gets the
/// signed receipt of the record in the <see cref="ReceiptTrailer"/> trailer. For a call this gateway made to a partner,
/// the partner's verified receipt is stored beside the record (the receipt check observes the call first).
/// </summary>
internal sealed class AuditObserver(GatewayAuditLog log, GatewaySnapshotProvider snapshots, TimeProvider time) : IGatewayCallObserver
{
    /// <summary>The response trailer holding the audit receipt (a compact JWS, <c>typ: audit-receipt+jwt</c>).</summary>
    public const string ReceiptTrailer = "fa-audit-receipt";

    private static readonly object s_refusalKey = new();
    private readonly bool _receipts = snapshots.Current.Config.Security!.Audit.Receipts;

    public void OnDecision(GatewayCall call, Status? refusal)
    {
        if (refusal is { } refused)
        {
            call.HttpContext.Items[s_refusalKey] = refused;
        }
    }

    public async ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result)
    {
        var (store, receipts) = await log.OpenedAsync;
        var refusal = call.HttpContext.Items.TryGetValue(s_refusalKey, out var refused) ? (Status?)refused : null;
        var occurredAt = time.GetUtcNow();
        CallEvent record = refusal is { } denied
            ? CallRecords.Denied(call, log.Org, occurredAt, denied)
            : CallRecords.Completed(call, log.Org, occurredAt, result);
        var appended = await store.AppendAsync(record);
        log.Checkpointer?.Nudge();
        if (call.Outbound?.Receipt is { IsValid: true } partnerReceipt)
        {
            await store.Receipts.AddAsync(appended.Index, partnerReceipt.Receipt);
        }

        if (_receipts && call.Caller.IsPartner)
        {
            call.AddTrailer(ReceiptTrailer, receipts.Issue(record, appended).Token);
        }
    }
}
