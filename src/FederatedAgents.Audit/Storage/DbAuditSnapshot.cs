using System.Data.Common;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>A snapshot as one open read transaction on one connection, for either store.</summary>
internal sealed class DbAuditSnapshot(DbConnection connection, DbTransaction transaction, TreeHead head) : IAuditLogSnapshot
{
    public TreeHead Head { get; } = head;

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
