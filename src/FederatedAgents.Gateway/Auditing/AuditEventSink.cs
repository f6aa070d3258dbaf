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
        TokenIssuedEvent { ParentIds.Count: > 0 } exchanged => CallRecords.WithChain(
            new AuditEvents.TokenExchangedEvent
            {
                EventId = AuditEvents.AuditEvent.NewEventId(),
                OccurredAt = exchanged.Time,
                Org = org,
                TraceId = exchanged.TraceId,
                GrantType = exchanged.Operation,
                Audience = string.Join(' ', exchanged.Audiences),
                SubjectTokenId = exchanged.ParentIds[0],
                TokenId = exchanged.JwtId,
                ExpiresAt = exchanged.ExpiresAt,
            },
            exchanged.Chain,
            exchanged.ClientId),
        TokenIssuedEvent issued => CallRecords.WithChain(
            new AuditEvents.TokenIssuedEvent
            {
                EventId = AuditEvents.AuditEvent.NewEventId(),
                OccurredAt = issued.Time,
                Org = org,
                TraceId = issued.TraceId,
                GrantType = issued.Operation,
                Audience = string.Join(' ', issued.Audiences),
                TokenId = issued.JwtId,
                ExpiresAt = issued.ExpiresAt,
            },
            issued.Chain,
            issued.ClientId),
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
