using System.Data.Common;
using System.Runtime.CompilerServices;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>The reading half of a database backend, shared by SQLite and PostgreSQL; commits stay store-specific.</summary>
internal abstract class DbAuditBackend : IAuditBackend
{
    protected DbAuditBackend()
    {
        Checkpoints = new DbCheckpointStore(this);
        Receipts = new DbReceiptStore(this);
    }

    public IAuditCheckpointStore Checkpoints { get; }

    public IAuditReceiptStore Receipts { get; }

    private protected TreeAppender Appender { get; } = new();

    public abstract Task<TreeHead> CommitAsync(IReadOnlyList<byte[]> leafData, CancellationToken cancellationToken);

    public async Task<TreeHead> GetHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Command(AuditSql.SelectHead).ReadHeadAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, Sha256Hash>> GetNodesAsync(
        IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadNodesAtAsync(connection, null, positions, cancellationToken);
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long start, long end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var command = connection.Command(AuditSql.SelectRecordRange).With("@start", start).With("@end", end);
        await foreach (var record in command.ReadRowsAsync(AuditSql.RecordFromText, cancellationToken))
        {
            yield return record;
        }
    }

    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var command = AuditQuerySql.Build(connection, query, JsonMember);
        await foreach (var record in command.ReadRowsAsync(AuditSql.RecordFromText, cancellationToken))
        {
            yield return record;
        }
    }

    public abstract Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The store's expression for a top-level member of a record's JSON (must match its expression indexes).</summary>
    protected abstract string JsonMember(string name);

    protected internal abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one write of evidence (a checkpoint, a cosignature, a receipt) on a connection of its own; a store whose
    /// writers must take turns within the process runs it between commits.
    /// </summary>
    protected internal virtual async Task<int> WriteAsync(Func<DbConnection, Task<int>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await write(connection);
    }

    protected static async Task<IReadOnlyDictionary<long, Sha256Hash>> ReadNodesAtAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<long, Sha256Hash>(positions.Count);
        if (positions.Count == 0)
        {
            return nodes;
        }

        var command = connection.Command(AuditSql.SelectNodesAt(positions), transaction);
        await foreach (var node in command.ReadRowsAsync(AuditSql.Node, cancellationToken))
        {
            if (node.Hash.Length == Sha256Hash.Length)
            {
                nodes[node.Position] = Sha256Hash.FromBytes(node.Hash);
            }
        }

        return nodes;
    }
}
