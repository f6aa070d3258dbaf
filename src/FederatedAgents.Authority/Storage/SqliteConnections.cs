using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace FederatedAgents.Authority.Storage;

/// <summary>
/// One SQLite file in WAL mode, used through a single connection per process (SQLite has one writer
/// at a time anyway); other processes on the same file wait for its lock up to the busy timeout.
/// Commands stay prepared on that connection and are reused: preparing a statement costs more than running it.
/// </summary>
internal sealed class SqliteConnections : StoreConnections
{
    /// <summary>Statements with a varying number of parameters (e.g. gaps of a poll) are not all kept.</summary>
    private const int MaxPreparedCommands = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly string _connectionString;
    private readonly string _path;
    private SqliteConnection? _connection;

    static SqliteConnections() => SQLitePCL.Batteries_V2.Init();

    public SqliteConnections(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = 30 };
        _path = Path.GetFullPath(builder.DataSource);
        _connectionString = builder.ToString();
    }

    public override string SequenceColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string Describe() => $"SQLite file {_path}";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await ConnectAsync(cancellationToken);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public override ValueTask ReleaseAsync(DbConnection connection)
    {
        _gate.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>The prepared command for <paramref name="sql"/>, parameters cleared; called while the connection is held.</summary>
    public override DbCommand CreateCommand(DbConnection connection, string sql)
    {
        if (_prepared.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            return command;
        }

        command = (SqliteCommand)base.CreateCommand(connection, sql);
        if (_prepared.Count < MaxPreparedCommands)
        {
            _prepared.Add(sql, command);
        }

        return command;
    }

    public override void ReleaseCommand(DbCommand command)
    {
        if (!_prepared.ContainsKey(command.CommandText))
        {
            command.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        _gate.Release();
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
