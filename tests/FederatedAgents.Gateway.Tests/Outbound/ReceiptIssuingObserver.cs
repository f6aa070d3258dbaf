using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>
/// Plays the receiving organization's audit observer on its gateway: records each call in a real audit log, signs a
/// receipt for the record and returns it in the trailers — or, as the test chooses, none or one signed with a key
/// the caller does not know. Also keeps what the partner's gateway received, for assertions.
/// </summary>
internal sealed class ReceiptIssuingObserver(IAuditLogStore store, AuditReceiptIssuer issuer) : IGatewayCallObserver
{
    public ReceiptMode Mode { get; set; } = ReceiptMode.Valid;

    public string? ReceivedAuthorization { get; private set; }

    public string? ReceivedTraceParent { get; private set; }

    public bool ReceivedTargetHeader { get; private set; }

    public void OnDecision(GatewayCall call, Status? refusal)
    {
        var headers = call.HttpContext.Request.Headers;
        ReceivedAuthorization = headers.Authorization.ToString();
        ReceivedTraceParent = headers[FederationMetadata.TraceParent].ToString();
        ReceivedTargetHeader = headers.ContainsKey(FederationMetadata.TargetOrganization);
    }

    public async ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result)
    {
        if (Mode == ReceiptMode.None)
        {
            return;
        }

        var record = new CallCompletedEvent
        {
            EventId = AuditEvent.NewEventId(),
            OccurredAt = TimeProvider.System.GetUtcNow(),
            Org = issuer.Org,
            PartnerOrg = call.Caller.Partner?.Name,
            Method = call.Method,
            GrpcStatus = (int)result.Status.StatusCode,
            Latency = result.Duration,
        };
        var appended = await store.AppendAsync(record);
        var signer = Mode == ReceiptMode.ForeignKey
            ? new AuditReceiptIssuer(issuer.Org, issuer.Origin, SigningKey.Generate(), TimeProvider.System)
            : issuer;
        call.AddTrailer(FederationMetadata.AuditReceipt, signer.Issue(record, appended).Token);
    }
}

public enum ReceiptMode
{
    Valid,
    None,
    ForeignKey,
}
