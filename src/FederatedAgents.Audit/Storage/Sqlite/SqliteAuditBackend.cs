using System.Data.Common;
using System.Diagnostics;
using System.Text;
using FederatedAgents.Audit.Merkle;
using Microsoft.Data.Sqlite;

namespace FederatedAgents.Audit.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Each instance commits through its own writer
/// connection with <c>synchronous=FULL</c>; <c>BEGIN IMMEDIATE</c> takes the file's write lock, so
/// several instances (or processes) on one file append one transaction at a time. Within an instance,
/// commits and evidence writes (checkpoints, receipts) take turns at <see cref="_writeTurn"/> instead of
/// meeting at the file lock: the bundled SQLite's busy wait sleeps in whole seconds (it is built without
/// usleep), so a commit that met a checkpoint's insert stalled every waiting append for a second.
/// </summary>
internal sealed class SqliteAuditBackend : DbAuditBackend
{
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    static SqliteAuditBackend() => SQLitePCL.Batteries_V2.Init();

    private SqliteAuditBackend(string path, string connectionString, SqliteConnection writer)
    {
        _path = path;
        _connectionString = connectionString;
        _writer = writer;
    }

    public static async Task<SqliteAuditBackend> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken);
            await SqliteSchema.EnsureAsync(writer, path, cancellationToken);
            return new SqliteAuditBackend(path, connectionString, writer);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    public override async Task<TreeHead> CommitAsync(IReadOnlyList<byte[]> leafData, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.GetTimestamp();
        await _writeTurn.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            AuditStoreMetrics.LockWait.Record(Stopwatch.GetElapsedTime(waiting).TotalMilliseconds);
            var stored = await _writer.Command(AuditSql.SelectHead, transaction).ReadHeadAsync(cancellationToken);
            var plan = await Appender.PlanAsync(
                stored, positions => ReadNodesAtAsync(_writer, transaction, positions, cancellationToken), leafData);
            Insert(transaction, "INSERT INTO audit_records (idx, record) VALUES (@key, @value)", SqliteType.Text,
                plan.Records.Select((data, i) => (plan.FirstIndex + i, (object)Encoding.UTF8.GetString(data))));
            Insert(transaction, "INSERT INTO audit_nodes (pos, hash) VALUES (@key, @value)", SqliteType.Blob,
                plan.NodePositions.Select((position, i) => (position, (object)plan.NodeHashes[i])));
            var head = plan.Head;
            using (var update = _writer.Command(AuditSql.UpdateHead, transaction).With("@size", head.Size).With("@root", head.Root.ToArray()))
            {
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            Appender.Committed(plan);
            return head;
        }
        catch
        {
            Appender.Forget();
            throw;
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    protected internal override async Task<int> WriteAsync(Func<DbConnection, Task<int>> write, CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken);
        try
        {
            return await base.WriteAsync(write, cancellationToken);
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    public override Task<IAuditLogSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAuditLogSnapshot>(SqliteSnapshot.Open(_path));

    public override async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _writeTurn.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    /// <summary>The expression the queries and the expression indexes both use.</summary>
    public static string Member(string name) => $"json_extract(record, '$.{name}')";

    protected override string JsonMember(string name) => Member(name);

    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>One prepared statement executed per row: in-process SQLite has no round trips to save.</summary>
    private void Insert(SqliteTransaction transaction, string sql, SqliteType valueType, IEnumerable<(long Key, object Value)> rows)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        var key = command.Parameters.Add("@key", SqliteType.Integer);
        var value = command.Parameters.Add("@value", valueType);
        foreach (var row in rows)
        {
            (key.Value, value.Value) = row;
            command.ExecuteNonQuery();
        }
    }
}
