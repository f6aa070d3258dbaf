using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The SQL both stores share (they differ only in types, locking and JSON access) and the row
/// readers over it. Tables: <c>audit_records(idx, record)</c> holding the canonical bytes as text,
/// <c>audit_nodes(pos, hash)</c> holding every complete subtree hash by <see cref="NodeKey.Position"/>,
/// and the one-row <c>audit_head(id = 1, size, root)</c>.
/// </summary>
internal static class AuditSql
{
    public const string SelectHead = "SELECT size, root FROM audit_head WHERE id = 1";
    public const string UpdateHead = "UPDATE audit_head SET size = @size, root = @root WHERE id = 1";
    public const string SelectRecordRange = "SELECT idx, record FROM audit_records WHERE idx >= @start AND idx < @end ORDER BY idx";
    public const string SelectNodeRange = "SELECT pos, hash FROM audit_nodes WHERE pos >= @start AND pos < @end ORDER BY pos";
    public const string SelectIndexOutside = "SELECT MIN(idx) FROM audit_records WHERE idx < 0 OR idx >= @size";

    /// <summary>Record members with an expression index, so queries on them do not scan the log.</summary>
    public static readonly string[] IndexedMembers = ["txn", "subject", "partnerOrg", "method", "occurredAt"];

    /// <summary>Positions are integers, so they are inlined: one statement however many a proof needs.</summary>
    public static string SelectNodesAt(IReadOnlyCollection<long> positions) =>
        $"SELECT pos, hash FROM audit_nodes WHERE pos IN ({string.Join(',', positions)})";

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Reads the head row; disposes the command when done.</summary>
    public static async Task<TreeHead> ReadHeadAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? ToHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : ToHead(null, []);
    }

    /// <summary>The head from its stored row (null size: no row), or <see cref="AuditLogDamagedException"/> saying what is wrong with it.</summary>
    public static TreeHead ToHead(long? size, ReadOnlySpan<byte> root)
    {
        if (size is null)
        {
            throw new AuditLogDamagedException("The audit_head row is missing; the log cannot be read or appended to.");
        }

        if (root.Length != Sha256Hash.Length)
        {
            throw new AuditLogDamagedException($"The stored root is {root.Length} bytes, not {Sha256Hash.Length}; the head row is damaged.");
        }

        return new TreeHead(size.Value, Sha256Hash.FromBytes(root));
    }

    /// <summary>An (idx, record) row, the record read as text.</summary>
    public static AuditRecord RecordFromText(DbDataReader row) => new(row.GetInt64(0), Encoding.UTF8.GetBytes(row.GetString(1)));

    /// <summary>A (pos, hash) row.</summary>
    public static StoredNode Node(DbDataReader row) => new(row.GetInt64(0), row.GetFieldValue<byte[]>(1));

    /// <summary>Streams the rows the command selects; disposes the command when done.</summary>
    public static async IAsyncEnumerable<T> ReadRowsAsync<T>(
        this DbCommand command, Func<DbDataReader, T> row, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return row(reader);
        }
    }
}
