using FederatedAgents.Audit.Merkle;
using Microsoft.Data.Sqlite;

namespace FederatedAgents.Audit.Storage.Sqlite;

/// <summary>Creates the tables and expression indexes if missing and sets the writer connection's durability pragmas.</summary>
internal static class SqliteSchema
{
    public static async Task EnsureAsync(SqliteConnection writer, string path, CancellationToken cancellationToken)
    {
        await using var wal = writer.Command("PRAGMA journal_mode = WAL");
        var journalMode = (string?)await wal.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The SQLite audit store at '{path}' could not enable WAL (journal mode is '{journalMode}'); put it on a local file system.");
        }

        await using var pragmas = writer.Command("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        using var transaction = writer.BeginTransaction(deferred: false);
        var indexes = AuditSql.IndexedMembers.Select(name =>
            $"CREATE INDEX IF NOT EXISTS audit_records_{name} ON audit_records ({SqliteAuditBackend.Member(name)});");
        var ddl = $"""
            CREATE TABLE IF NOT EXISTS audit_records (idx INTEGER PRIMARY KEY, record TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_nodes (pos INTEGER PRIMARY KEY, hash BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, root BLOB NOT NULL);
            INSERT OR IGNORE INTO audit_head (id, size, root) VALUES (1, 0, @emptyRoot);
            {string.Join('\n', indexes)}
            {EvidenceSql.CreateTables("INTEGER")}
            """;
        await using var create = writer.Command(ddl, transaction).With("@emptyRoot", MerkleHasher.EmptyRoot.ToArray());
        await create.ExecuteNonQueryAsync(cancellationToken);
        transaction.Commit();
    }
}
