namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// The <c>Storage</c> section: the one store every component of the organization uses for state
/// replicas must share (the authority's replay ids, revocations and exchange lineage; the audit log).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default; one file under the data directory, single node) or <c>postgres</c> (multi-replica).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// PostgreSQL: an Npgsql connection string (required). SQLite: optional; by default the file is
    /// <c>store.db</c> in <see cref="OrganizationOptions.DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }
}
