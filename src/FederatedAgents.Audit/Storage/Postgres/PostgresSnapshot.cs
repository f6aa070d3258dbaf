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

    public IAsyncEnumerable<AuditRecord> ReadRecordsAsync(long start, long end, CancellationToken cancellationToken = default) =>
        connection.Command(SelectRecordBytes, transaction).With("@start", start).With("@end", end)
            .ReadRowsAsync(AuditSql.RecordFromBytes, cancellationToken);

    public IAsyncEnumerable<StoredNode> ReadNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default) =>
        connection.Command(AuditSql.SelectNodeRange, transaction).With("@start", startPosition).With("@end", endPosition)
            .ReadRowsAsync(AuditSql.Node, cancellationToken);

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
}
