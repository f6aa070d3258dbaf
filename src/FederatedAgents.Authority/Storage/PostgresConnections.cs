using System.Data.Common;
using Npgsql;

namespace FederatedAgents.Authority.Storage;

/// <summary>
/// PostgreSQL through Npgsql's pooled data source; one pooled connection per unit of work. Npgsql prepares
/// the statements run most often on each physical connection (Max Auto Prepare, 16 unless the connection string sets it).
/// </summary>
internal sealed class PostgresConnections : StoreConnections
{
    /// <summary>An arbitrary advisory-lock key that serializes schema creation across replicas.</summary>
    private const long SchemaLockKey = 0x46_41_41_75_74_68;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnections(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 16;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string SequenceColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string SchemaLock => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    public override string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override ValueTask ReleaseAsync(DbConnection connection) => connection.DisposeAsync();

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
