using System.Diagnostics;
using FederatedAgents.Audit;
using FederatedAgents.Audit.Events;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Tokens.Delegation;

namespace FederatedAgents.Gateway.Auditing;

/// <summary>
/// The audit record of one call: who (subject and actor chain, issuer-qualified; client; partner), what (method,
/// scopes, purpose), within which transaction and trace, the decision and its reason, the status, and for calls that
/// reached the agent the latency, payload digests and the field paths the egress filter removed (from responses to a
/// partner, or from requests this gateway sent to one).
/// </summary>
internal static class CallRecords
{
    /// <summary>The longest reason an audit record holds; longer ones are cut.</summary>
    private const int MaxReasonLength = 1024;

    public static CallDeniedEvent Denied(GatewayCall call, string org, DateTimeOffset occurredAt, Status refusal) => About(call, new CallDeniedEvent
    {
        EventId = AuditEvent.NewEventId(),
        OccurredAt = occurredAt,
        Org = org,
        Reason = Reason(refusal.Detail),
        Method = call.Method,
        GrpcStatus = (int)refusal.StatusCode,
    });

    /// <remarks>The status is the one the caller got: a partner's OK voided for want of a valid receipt is recorded as voided.</remarks>
    public static CallCompletedEvent Completed(GatewayCall call, string org, DateTimeOffset occurredAt, GatewayCallResult result) =>
        Completed(call, org, occurredAt, result, call.Outbound?.VoidedStatus ?? result.Status, call.Outbound?.Receipt is { IsValid: false } rejected ? $"; partner receipt rejected: {rejected.Problem}" : "");

    private static CallCompletedEvent Completed(GatewayCall call, string org, DateTimeOffset occurredAt, GatewayCallResult result, Status status, string receiptNote) => About(call, new CallCompletedEvent
    {
        EventId = AuditEvent.NewEventId(),
        OccurredAt = occurredAt,
        Org = org,
        Reason = Reason((status.StatusCode == StatusCode.OK ? "allowed" : $"allowed; ended with {status.StatusCode}: {status.Detail}") + receiptNote),
        Method = call.Method,
        GrpcStatus = (int)status.StatusCode,
        Latency = result.Duration,
        RequestDigest = result.Request.Sha256 is { } request ? Sha256Hash.FromBytes(request) : null,
        ResponseDigest = result.Response.Sha256 is { } response ? Sha256Hash.FromBytes(response) : null,
        RemovedFields = [.. (call.ResponseFilter as EgressResponseFilter)?.RemovedPaths ?? [], .. call.RequestFilter?.RemovedPaths ?? []],
    });

    /// <summary><paramref name="record"/> with who called and in which trace and transaction (what the token and the connection say).</summary>
    private static T About<T>(GatewayCall call, T record)
        where T : CallEvent => (T)(WithChain(record, call.Identity?.Chain, call.Identity?.ClientId) with
        {
            TraceId = TraceId(call),
            PartnerOrg = call.Caller.Partner?.Name,
        });

    /// <summary><paramref name="record"/> with the subject, actors, client, scopes, purpose and transaction of a delegation chain.</summary>
    public static AuditEvent WithChain(AuditEvent record, DelegationChain? chain, string? clientId) => chain is null
        ? record with { ClientId = clientId }
        : record with
        {
            Txn = chain.TransactionId,
            Subject = IssuerQualifiedName.Create(chain.Subject.Subject, chain.Subject.Issuer),
            Actors = [.. chain.Actors.Select(actor => IssuerQualifiedName.Create(actor.Subject, actor.Issuer))],
            ClientId = clientId,
            Scopes = chain.Scopes,
            Purpose = chain.Purpose,
        };

    /// <summary>The W3C trace id: the current activity's, else the caller's <c>traceparent</c>; null when neither is valid.</summary>
    private static string? TraceId(GatewayCall call)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return activity.TraceId.ToHexString();
        }

        var parent = call.HttpContext.Request.Headers["traceparent"].ToString();
        return ActivityContext.TryParse(parent, null, out var context) ? context.TraceId.ToHexString() : null;
    }

    /// <summary>
    /// A status detail as an audit reason: an agent's detail may hold anything, so control characters become spaces,
    /// broken UTF-16 becomes U+FFFD, and it is cut to <see cref="MaxReasonLength"/>.
    /// </summary>
    private static string Reason(string detail)
    {
        var text = detail.Length <= MaxReasonLength ? detail : detail[..MaxReasonLength];
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
