using System.Data;
using Npgsql;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage.Postgres;

/// <summary>A snapshot as one open <c>REPEATABLE READ READ ONLY</c> transaction on one connection.</summary>
internal sealed class PostgresSnapshot(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, TreeHead head)
    : IAuditLogSnapshot
{
    /// <summary>
    /// The <see cref="StoredNodesDigest"/> of a position range. The rows are aggregated in the order the subquery
    /// returns them (the primary key's); PostgreSQL does not promise to keep that order, but another order only makes the
    /// digest differ from the expected one, and the verifier then reads the rows themselves.
    /// </summary>
    private const string DigestNodeRange = """
        SELECT coalesce(bool_and(octet_length(hash) = 32), true), sha256(coalesce(string_agg(int8send(pos) || hash, ''::bytea), ''::bytea))
        FROM (SELECT pos, hash FROM audit_nodes WHERE pos >= @start AND pos < @end ORDER BY pos) AS nodes
        """;

    /// <summary>Asked apart from the export: a query calling a function the role may not call fails whichever branch it takes.</summary>
    private const string MayExportSnapshot = "SELECT has_function_privilege('pg_catalog.pg_export_snapshot()', 'EXECUTE')";

    public TreeHead Head { get; } = head;

    public static async Task<PostgresSnapshot> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var head = await connection.Command($"SET TRANSACTION READ ONLY; {AuditSql.SelectHead}", transaction).ReadHeadAsync(cancellationToken);
            return new PostgresSnapshot(dataSource, connection, transaction, head);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A <c>json</c> value's text is kept verbatim and is its binary wire form, so each record's bytes are copied
    /// from the read buffer as they came, with no text decoding.
    /// </summary>
    public Task ReadRecordsAsync(long start, long end, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRowsAsync(AuditSql.SelectRecordRange, start, end, rows, cancellationToken);

    public Task ReadNodesAsync(long startPosition, long endPosition, StoredRows rows, CancellationToken cancellationToken = default) =>
        CopyRowsAsync(AuditSql.SelectNodeRange, startPosition, endPosition, rows, cancellationToken);

    public async Task<StoredNodesDigest?> DigestNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(DigestNodeRange, transaction).With("@start", startPosition).With("@end", endPosition);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoredNodesDigest(reader.GetBoolean(0), Sha256Hash.FromBytes(reader.GetFieldValue<byte[]>(1)));
    }

    /// <summary>
    /// Another connection in a transaction that imports this one's exported snapshot, so it sees exactly the same
    /// rows, with a server process of its own. Null when the role may not export snapshots or the server refuses the
    /// connection (e.g. no slot left): the view only makes reading faster. An error inside this transaction would end
    /// it, so the export is not attempted without the privilege.
    /// </summary>
    public async Task<IAuditLogSnapshot?> OpenParallelViewAsync(CancellationToken cancellationToken = default)
    {
        await using var mayExport = connection.Command(MayExportSnapshot, transaction);
        if (await mayExport.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return null;
        }

        await using var export = connection.Command("SELECT pg_catalog.pg_export_snapshot()", transaction);
        var snapshotId = (string)(await export.ExecuteScalarAsync(cancellationToken))!;

        try
        {
            var view = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                var viewTransaction = await view.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                // The id is the server's own (hex digits and dashes).
                await using var import = view.Command($"SET TRANSACTION SNAPSHOT '{snapshotId}'; SET TRANSACTION READ ONLY", viewTransaction);
                await import.ExecuteNonQueryAsync(cancellationToken);
                return new PostgresSnapshot(dataSource, view, viewTransaction, Head);
            }
            catch
            {
                await view.DisposeAsync();
                throw;
            }
        }
        catch (PostgresException)
        {
            return null;
        }
    }

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
            rows.Add(reader.GetInt64(0), reader, 1);
        }
    }
}
