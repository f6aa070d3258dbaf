using System.Data;
using Npgsql;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage.Postgres;

/// <summary>A snapshot as one open <c>REPEATABLE READ READ ONLY</c> transaction on one connection.</summary>
internal sealed class PostgresSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, TreeHead head) : IAuditLogSnapshot
{
    /// <summary>
    /// The records as the server stores them, as bytes: a <c>json</c> value's text is kept verbatim, and
    /// converting it server-side spares the client decoding and re-encoding every record.
    /// </summary>
    private const string SelectRecordBytes =
        "SELECT idx, convert_to(record::text, 'UTF8') FROM audit_records WHERE idx >= @start AND idx < @end ORDER BY idx";

    public TreeHead Head { get; } = head;

    public static async Task<PostgresSnapshot> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var head = await connection.Command($"SET TRANSACTION READ ONLY; {AuditSql.SelectHead}", transaction).ReadHeadAsync(cancellationToken);
            return new PostgresSnapshot(connection, transaction, head);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task ReadRecordsAsync(long start, long end, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRowsAsync(SelectRecordBytes, start, end, rows, cancellationToken);

    public Task ReadNodesAsync(long startPosition, long endPosition, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRowsAsync(AuditSql.SelectNodeRange, startPosition, endPosition, rows, cancellationToken);

    public async Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(AuditSql.SelectIndexOutside, transaction).With("@size", treeSize);
        return await command.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
    }

    public IAsyncEnumerable<StoredCheckpointNote> ReadCheckpointNotesAsync(long afterSize, long throughSize, CancellationToken cancellationToken = default) =>
        connection.Command(EvidenceSql.SelectCheckpointNotes, transaction).With("@after", afterSize).With("@through", throughSize)
            .ReadRowsAsync(row => new StoredCheckpointNote(row.GetInt64(0), row.GetString(1)), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>Copies each (key, bytes) row of a range query into <paramref name="rows"/>.</summary>
    private async Task CopyRowsAsync(string sql, long start, long end, StoredRows rows, CancellationToken cancellationToken)
    {
        rows.Clear();
        await using var command = connection.Command(sql, transaction).With("@start", start).With("@end", end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }
}
