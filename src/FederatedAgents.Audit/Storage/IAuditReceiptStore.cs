using FederatedAgents.Audit.Receipts;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// Partners' audit receipts, kept beside this organization's own record of the same call, so that each side
/// holds the other's signed evidence. Reached through <see cref="IAuditLogStore.Receipts"/>.
/// </summary>
public interface IAuditReceiptStore
{
    /// <summary>
    /// Stores a verified receipt beside own record <paramref name="ownIndex"/>. Storing the same receipt again
    /// does nothing; a different receipt from the same issuer for that record, or a record index the log does
    /// not hold, throws <see cref="InvalidOperationException"/> saying which.
    /// </summary>
    Task AddAsync(long ownIndex, AuditReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>The receipts stored beside own record <paramref name="ownIndex"/>.</summary>
    IAsyncEnumerable<StoredReceipt> ForRecordAsync(long ownIndex, CancellationToken cancellationToken = default);

    /// <summary>The receipts whose <c>txn</c> is <paramref name="txn"/>, in own-record order.</summary>
    IAsyncEnumerable<StoredReceipt> ForTxnAsync(string txn, CancellationToken cancellationToken = default);
}

/// <summary>A stored partner receipt: the own record it belongs to, its issuer and txn, and the JWS to verify again.</summary>
public sealed record StoredReceipt(long OwnIndex, string Issuer, string? Txn, string Token);
