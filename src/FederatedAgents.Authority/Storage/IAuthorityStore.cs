namespace FederatedAgents.Authority.Storage;

/// <summary>
/// The state an authority's replicas share: single-use ids (client assertions, partners' grants),
/// exchange lineage (which tokens each token was exchanged from) and revocations with a cursor for
/// polling. Token ids are our own <c>jti</c>s, or <c>"&lt;iss&gt; &lt;jti&gt;"</c> for another issuer's tokens.
/// Implementations are safe across processes and replicas.
/// </summary>
internal interface IAuthorityStore
{
    /// <summary>True for the first use of <paramref name="id"/> until <paramref name="expiresAt"/>; false for every later one. Atomic across replicas.</summary>
    ValueTask<bool> TryUseOnceAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="child"/> was issued from <paramref name="parents"/>, then checks them. True
    /// when a parent is revoked (which it is when any of its ancestors is); the child is then revoked as well.
    /// </summary>
    ValueTask<bool> RecordLineageAsync(string child, DateTimeOffset childExpiresAt, IReadOnlyList<string> parents, CancellationToken cancellationToken);

    /// <summary>Revokes the token and every unexpired descendant recorded so far; returns them all, the token first.</summary>
    ValueTask<IReadOnlyList<RevokedToken>> RevokeAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    ValueTask<bool> IsRevokedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Revocations with a sequence number above <paramref name="after"/> or among <paramref name="gaps"/>, in sequence order.</summary>
    ValueTask<IReadOnlyList<RevocationRecord>> ReadRevocationsAsync(long after, IReadOnlyCollection<long> gaps, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes replay ids, lineage and revocations of tokens that expired; returns how many rows went.</summary>
    ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>A revoked token and when it expires (after which its revocation no longer matters).</summary>
internal readonly record struct RevokedToken(string Id, DateTimeOffset ExpiresAt);

/// <summary>A revocation as read by pollers: its place in the store's sequence.</summary>
internal readonly record struct RevocationRecord(long Sequence, string Id, DateTimeOffset ExpiresAt);
