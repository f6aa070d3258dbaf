using FederatedAgents.Audit.Storage.Postgres;
using FederatedAgents.Audit.Storage.Sqlite;

namespace FederatedAgents.Audit.Storage;

/// <summary>Opens an organization's audit log, creating its tables on first use.</summary>
public static class AuditLogStores
{
    /// <summary>
    /// The embedded single-node store: a SQLite file (WAL, <c>synchronous=FULL</c>). Several instances
    /// in one or more processes may open the same file; their commits take turns on the file lock.
    /// </summary>
    public static async Task<IAuditLogStore> OpenSqliteAsync(
        string path, AuditStoreOptions? options = null, CancellationToken cancellationToken = default) =>
        new AuditLogStore(await SqliteAuditBackend.OpenAsync(path, cancellationToken), options ?? new AuditStoreOptions());

    /// <summary>
    /// The multi-replica store: a PostgreSQL database (Npgsql connection string). Every gateway replica
    /// opens its own instance on the same database; index assignment is serialized by the database.
    /// </summary>
    public static async Task<IAuditLogStore> OpenPostgresAsync(
        string connectionString, AuditStoreOptions? options = null, CancellationToken cancellationToken = default) =>
        new AuditLogStore(await PostgresAuditBackend.OpenAsync(connectionString, cancellationToken), options ?? new AuditStoreOptions());
}
