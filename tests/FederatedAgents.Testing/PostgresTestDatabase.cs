using Npgsql;

namespace FederatedAgents.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test, dropped on dispose. The server comes from
/// <c>FA_TEST_POSTGRES</c> (an Npgsql connection string whose user may CREATE DATABASE), which
/// <c>tests/run</c> sets after starting an ephemeral server.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "FA_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Prerequisite.Require(
            !string.IsNullOrWhiteSpace(admin),
            $"a PostgreSQL server ({EnvironmentVariable} is not set)",
            "Run the tests with `bash tests/run`, which starts an ephemeral server, or set it to a connection string.");

        var name = "fa_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync().WaitAsync(TestTimeouts.Default);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync().WaitAsync(TestTimeouts.Default);
        return new PostgresTestDatabase(admin!, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
