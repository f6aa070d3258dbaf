using System.Data;
using Npgsql;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage.Postgres;

/// <summary>A snapshot as one open <c>REPEATABLE READ READ ONLY</c> transaction on one connection.</summary>
internal sealed class PostgresSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, TreeHead head) : IAuditLogSnapshot
{
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
        connection.Command(AuditSql.SelectRecordRange, transaction).With("@start", start).With("@end", end)
            .ReadRecordsAsync(cancellationToken);

    public IAsyncEnumerable<StoredNode> ReadNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default) =>
        connection.Command(AuditSql.SelectNodeRange, transaction).With("@start", startPosition).With("@end", endPosition)
            .ReadNodesAsync(cancellationToken);

    public async Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(AuditSql.SelectIndexOutside, transaction).With("@size", treeSize);
        return await command.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
