using System.Data.Common;

namespace FederatedAgents.Authority.Storage;

/// <summary>
/// <see cref="IAuthorityStore"/> in SQL that SQLite and PostgreSQL both run. Single use relies on the
/// primary key (<c>INSERT … ON CONFLICT</c>). Lineage and revocation are ordered so that a revocation and
/// a concurrent exchange from a descendant never miss each other: an exchange commits its lineage before
/// it looks at its parents, and a revocation commits each generation of descendants before it looks for the next.
/// </summary>
internal sealed partial class SqlAuthorityStore : IAuthorityStore, IAsyncDisposable
{
    private readonly StoreConnections _connections;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _schema;
    private readonly LineageCommitter _lineage;

    public SqlAuthorityStore(StoreConnections connections, TimeProvider time)
    {
        _connections = connections;
        _time = time;
        _schema = new Lazy<Task>(CreateSchemaAsync);
        _lineage = new LineageCommitter(CommitLineageAsync);
    }

    public string Describe() => _connections.Describe();

    /// <summary>Creates the tables if they are missing; idempotent, safe with replicas starting together.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _schema.Value.WaitAsync(cancellationToken);

    public async ValueTask<bool> TryUseOnceAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(
            Sql.UseOnce,
            cancellationToken,
            ("@id", id),
            ("@expires", expiresAt.ToUnixTimeSeconds()),
            ("@now", Now));
        return changed == 1;
    }

    public async ValueTask<bool> IsRevokedAsync(string id, CancellationToken cancellationToken) =>
        await ScalarAsync(Sql.IsRevoked, cancellationToken, ("@id", id)) > 0;

    public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync(Sql.Purge, cancellationToken, ("@now", Now));

    public async ValueTask DisposeAsync()
    {
        await _lineage.DisposeAsync();
        await _connections.DisposeAsync();
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private async Task CreateSchemaAsync()
    {
        var connection = await _connections.OpenAsync(CancellationToken.None);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var statement in Sql.Schema(_connections.SequenceColumn, _connections.SchemaLock))
            {
                using var command = Statement(connection, statement, []);
                command.Command.Transaction = transaction;
                await command.Command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }
    }

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        WithStatementAsync(sql, parameters, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        WithStatementAsync(
            sql,
            parameters,
            async command => Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> with one statement on a connection held for just that (the schema created first).</summary>
    private async Task<T> WithStatementAsync<T>(
        string sql, IEnumerable<(string Name, object Value)> parameters, Func<DbCommand, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            using var statement = Statement(connection, sql, parameters);
            return await work(statement.Command);
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }
    }

    /// <summary>A command with its parameters, given back to the connections (which may keep it prepared) on dispose.</summary>
    private StatementLease Statement(DbConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = _connections.CreateCommand(connection, sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return new StatementLease(command, _connections);
    }

    private readonly struct StatementLease(DbCommand command, StoreConnections owner) : IDisposable
    {
        public DbCommand Command { get; } = command;

        public void Dispose() => owner.ReleaseCommand(Command);
    }
}
