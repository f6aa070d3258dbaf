using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// Filters for finding records; every filter given must match. Stores evaluate them on the stored
/// canonical bytes themselves, so what a query finds is exactly what the tree commits to.
/// Page with <see cref="AfterIndex"/> = the last index seen.
/// </summary>
public sealed record AuditQuery
{
    public string? Txn { get; init; }

    public IssuerQualifiedName? Subject { get; init; }

    public string? PartnerOrg { get; init; }

    public string? Method { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Inclusive lower bound of <see cref="AuditEvent.OccurredAt"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound of <see cref="AuditEvent.OccurredAt"/>.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only records with a larger index; -1 (default) starts at the beginning.</summary>
    public long AfterIndex { get; init; } = -1;

    /// <summary>At most this many records (default 100).</summary>
    public int Limit
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Limit), value, "Limit must be positive.");
    } = 100;
}
