using FederatedAgents.Audit.Merkle;
using Npgsql;

namespace FederatedAgents.Audit.Storage.Postgres;

/// <summary>
/// Creates the tables and expression indexes if missing. Replicas starting together serialize on a
/// transaction-scoped advisory lock, since concurrent <c>CREATE … IF NOT EXISTS</c> can still collide.
/// </summary>
internal static class PostgresSchema
{
    private const long SchemaLockKey = 0x4641_5544_4954; // "FAUDIT"

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var indexes = AuditSql.IndexedMembers.Select(name =>
            $"CREATE INDEX IF NOT EXISTS audit_records_{name} ON audit_records ({PostgresAuditBackend.Member(name)});");
        var ddl = $"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            CREATE TABLE IF NOT EXISTS audit_records (idx bigint PRIMARY KEY, record json NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_nodes (pos bigint PRIMARY KEY, hash bytea NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_head (id int PRIMARY KEY CHECK (id = 1), size bigint NOT NULL, root bytea NOT NULL);
            INSERT INTO audit_head (id, size, root) VALUES (1, 0, @emptyRoot) ON CONFLICT (id) DO NOTHING;
            {string.Join('\n', indexes)}
            {EvidenceSql.CreateTables("bigint")}
            """;
        await using var create = connection.Command(ddl, transaction).With("@emptyRoot", MerkleHasher.EmptyRoot.ToArray());
        await create.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
