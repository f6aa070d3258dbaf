using FederatedAgents.Authority.Events;
using AuditEvents = FederatedAgents.Audit.Events;

namespace FederatedAgents.Gateway.Auditing;

/// <summary>
/// Writes the authority's token decisions into the organization's audit log, beside the gateway's call records,
/// when both run in one process (registered by <c>AddGatewaySecurity()</c> in place of the logging sink). Each event
/// is durable before the authority answers; a failed append fails the token request (nothing unrecorded is issued).
/// </summary>
internal sealed class AuditEventSink(GatewayAuditLog log) : IAuthorityEventSink
{
    public async ValueTask WriteAsync(AuthorityEvent authorityEvent, CancellationToken cancellationToken)
    {
        var (store, _) = await log.OpenedAsync.WaitAsync(cancellationToken);
        await store.AppendAsync(ToRecord(authorityEvent, log.Org), cancellationToken);
        log.Checkpointer?.Nudge();
    }

    public static AuditEvents.AuditEvent ToRecord(AuthorityEvent authorityEvent, string org) => authorityEvent switch
    {
        TokenIssuedEvent { ParentIds.Count: > 0 } exchanged => new AuditEvents.TokenExchangedEvent
        {
            EventId = AuditEvents.AuditEvent.NewEventId(),
            OccurredAt = exchanged.Time,
            Org = org,
            TraceId = exchanged.TraceId,
            Txn = exchanged.Chain.TransactionId,
            Subject = CallRecords.Subject(exchanged.Chain),
            Actors = CallRecords.Actors(exchanged.Chain),
            ClientId = exchanged.ClientId,
            Scopes = exchanged.Chain.Scopes,
            Purpose = exchanged.Chain.Purpose,
            GrantType = exchanged.Operation,
            Audience = string.Join(' ', exchanged.Audiences),
            SubjectTokenId = exchanged.ParentIds[0],
            TokenId = exchanged.JwtId,
            ExpiresAt = exchanged.ExpiresAt,
        },
        TokenIssuedEvent issued => new AuditEvents.TokenIssuedEvent
        {
            EventId = AuditEvents.AuditEvent.NewEventId(),
            OccurredAt = issued.Time,
            Org = org,
            TraceId = issued.TraceId,
            Txn = issued.Chain.TransactionId,
            Subject = CallRecords.Subject(issued.Chain),
            Actors = CallRecords.Actors(issued.Chain),
            ClientId = issued.ClientId,
            Scopes = issued.Chain.Scopes,
            Purpose = issued.Chain.Purpose,
            GrantType = issued.Operation,
            Audience = string.Join(' ', issued.Audiences),
            TokenId = issued.JwtId,
            ExpiresAt = issued.ExpiresAt,
        },
        RequestDeniedEvent denied => new AuditEvents.TokenDeniedEvent
        {
            EventId = AuditEvents.AuditEvent.NewEventId(),
            OccurredAt = denied.Time,
            Org = org,
            TraceId = denied.TraceId,
            ClientId = denied.ClientId,
            GrantType = denied.Operation,
            Error = denied.Error,
            Reason = denied.Reason,
        },
        TokenRevokedEvent revoked => new AuditEvents.RevocationEvent
        {
            EventId = AuditEvents.AuditEvent.NewEventId(),
            OccurredAt = revoked.Time,
            Org = org,
            TraceId = revoked.TraceId,
            ClientId = revoked.ClientId,
            TokenId = revoked.JwtId,
            Reason = $"revoked with {revoked.DescendantIds.Count} tokens exchanged from it",
        },
        _ => throw new ArgumentException($"No audit record is defined for {authorityEvent.GetType().Name}.", nameof(authorityEvent)),
    };
}
