using FederatedAgents.Audit.Receipts;

namespace FederatedAgents.Audit.Storage;

/// <summary><see cref="IAuditReceiptStore"/> over either database, through the shared <see cref="EvidenceSql"/>.</summary>
internal sealed class DbReceiptStore(DbAuditBackend database) : IAuditReceiptStore
{
    public async Task AddAsync(long ownIndex, AuditReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var inserted = await database.WriteAsync(
            async connection =>
            {
                await using var insert = connection.Command(EvidenceSql.InsertReceipt)
                    .With("@idx", ownIndex).With("@issuer", receipt.Issuer).With("@txn", (object?)receipt.Txn ?? DBNull.Value).With("@receipt", receipt.Token);
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        if (inserted == 1)
        {
            return;
        }

        var stored = await ForRecordAsync(ownIndex, cancellationToken).FirstOrDefaultAsync(r => r.Issuer == receipt.Issuer, cancellationToken);
        if (stored is null)
        {
            throw new InvalidOperationException($"The log holds no record {ownIndex}; store a receipt beside the record the call was logged as.");
        }

        if (stored.Token != receipt.Token)
        {
            throw new InvalidOperationException(
                $"A different receipt from '{receipt.Issuer}' is already stored beside record {ownIndex}; one call gets one receipt per partner.");
        }
    }

    public IAsyncEnumerable<StoredReceipt> ForRecordAsync(long ownIndex, CancellationToken cancellationToken = default) =>
        ReadAsync("own_idx = @key ORDER BY issuer", ownIndex, cancellationToken);

    public IAsyncEnumerable<StoredReceipt> ForTxnAsync(string txn, CancellationToken cancellationToken = default) =>
        ReadAsync("txn = @key ORDER BY own_idx, issuer", txn, cancellationToken);

    private async IAsyncEnumerable<StoredReceipt> ReadAsync(
        string filter, object key, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var command = connection.Command(EvidenceSql.SelectReceiptsWhere + filter).With("@key", key);
        await foreach (var receipt in command.ReadRowsAsync(
            row => new StoredReceipt(row.GetInt64(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), row.GetString(3)), cancellationToken))
        {
            yield return receipt;
        }
    }
}
