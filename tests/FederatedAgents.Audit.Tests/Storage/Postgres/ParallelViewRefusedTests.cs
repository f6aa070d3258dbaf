using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;
using Npgsql;

namespace FederatedAgents.Audit.Tests.Storage.Postgres;

/// <summary>
/// A parallel view only makes verification faster: where the server will not give one (here a database whose
/// administrator revoked <c>pg_export_snapshot</c> from ordinary roles), the whole log is verified through the
/// snapshot's own connection, damage found as precisely as ever.
/// </summary>
public sealed class ParallelViewRefusedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_SnapshotExportRevoked_VerifiesThroughTheSnapshotAlone()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var role = "fa_test_role_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await ExecuteAsync(
                database.ConnectionString,
                $"CREATE ROLE {role} LOGIN; GRANT ALL ON SCHEMA public TO {role}; REVOKE EXECUTE ON FUNCTION pg_export_snapshot() FROM PUBLIC");
            var asRole = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = null }.ConnectionString;
            await using var store = await AuditLogStores.OpenPostgresAsync(asRole, cancellationToken: Ct).Bounded();
            await store.AppendBatchAsync(AuditLogVerifierContract.Events(40), Ct).Bounded();
            await ExecuteAsync(database.ConnectionString, "UPDATE audit_records SET record = replace(record::text, 'partner-1', 'partner-9')::json WHERE idx = 28");

            await using (var snapshot = await store.OpenSnapshotAsync(Ct).Bounded())
            {
                Assert.Null(await snapshot.OpenParallelViewAsync(Ct).Bounded());
            }

            var result = await AuditLogVerifier.VerifyAsync(store, new AuditVerificationOptions { PageSize = 8 }, Ct).Bounded();

            Assert.Equal((28L, AuditDamage.AlteredRecord), (result.Damage?.FirstBadIndex, result.Damage?.Kind));
        }
        finally
        {
            await database.DisposeAsync();
            await ExecuteAsync(Environment.GetEnvironmentVariable(PostgresTestDatabase.EnvironmentVariable)!, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct).Bounded();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct).Bounded();
    }
}
