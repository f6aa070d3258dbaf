using FederatedAgents.Audit.Storage;
using FederatedAgents.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FederatedAgents.Audit.Tests.Storage;

/// <summary>One empty database for a store test: open any number of store instances on it, or run SQL behind their back.</summary>
public abstract class StoreDatabase : IAsyncDisposable
{
    public abstract Task<IAuditLogStore> OpenAsync(AuditStoreOptions? options = null);

    /// <summary>Runs SQL directly against the database, as someone tampering with it would.</summary>
    public abstract Task ExecuteAsync(string sql);

    /// <summary>The dialect's expression that edits the text of a stored record.</summary>
    public abstract string ReplaceInRecord(string from, string to);

    /// <summary>The dialect's literal for a byte string.</summary>
    public abstract string Bytes(ReadOnlySpan<byte> bytes);

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteDatabase : StoreDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-audit-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "audit.db");

    public override Task<IAuditLogStore> OpenAsync(AuditStoreOptions? options = null) =>
        AuditLogStores.OpenSqliteAsync(Path, options).Bounded();

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync().Bounded();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync().Bounded();
    }

    public override string ReplaceInRecord(string from, string to) => $"replace(record, '{from}', '{to}')";

    public override string Bytes(ReadOnlySpan<byte> bytes) => $"X'{Convert.ToHexString(bytes)}'";

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresDatabase(PostgresTestDatabase database) : StoreDatabase
{
    public static async Task<StoreDatabase> CreateAsync() => new PostgresDatabase(await PostgresTestDatabase.CreateAsync());

    public override Task<IAuditLogStore> OpenAsync(AuditStoreOptions? options = null) =>
        AuditLogStores.OpenPostgresAsync(database.ConnectionString, options).Bounded();

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync().Bounded();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().Bounded();
    }

    public override string ReplaceInRecord(string from, string to) => $"replace(record::text, '{from}', '{to}')::json";

    public override string Bytes(ReadOnlySpan<byte> bytes) => $"decode('{Convert.ToHexString(bytes)}', 'hex')";

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}
