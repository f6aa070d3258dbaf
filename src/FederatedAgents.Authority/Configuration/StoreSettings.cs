namespace FederatedAgents.Authority.Configuration;

/// <summary>Which store holds the shared state, as checked at startup.</summary>
internal sealed record StoreSettings(bool IsPostgres, string ConnectionString)
{
    public const string SqliteFileName = "store.db";

    /// <summary>Reads <c>Storage</c>; a SQLite store defaults to <c>store.db</c> in the data directory.</summary>
    public static StoreSettings? Load(StorageOptions storage, string? dataDirectory, ConfigurationProblems problems)
    {
        switch (storage.Provider?.Trim().ToLowerInvariant())
        {
            case StorageOptions.Postgres when string.IsNullOrWhiteSpace(storage.ConnectionString):
                problems.Add("Storage:ConnectionString", "is missing; the postgres provider needs an Npgsql connection string, e.g. \"Host=db;Username=fa;Password=…;Database=bank\".");
                return null;
            case StorageOptions.Postgres:
                return new StoreSettings(true, storage.ConnectionString!);
            case StorageOptions.Sqlite or "" or null when !string.IsNullOrWhiteSpace(storage.ConnectionString):
                return new StoreSettings(false, storage.ConnectionString!);
            case StorageOptions.Sqlite or "" or null:
                return dataDirectory is null ? null : new StoreSettings(false, $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}");
            default:
                problems.Add("Storage:Provider", $"is '{storage.Provider}'; use \"{StorageOptions.Sqlite}\" (default, one node) or \"{StorageOptions.Postgres}\" (several replicas).");
                return null;
        }
    }
}
