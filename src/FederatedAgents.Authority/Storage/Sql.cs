namespace FederatedAgents.Authority.Storage;

/// <summary>The statements of <see cref="SqlAuthorityStore"/>, in the SQL SQLite (3.24+) and PostgreSQL share. Times are Unix seconds.</summary>
internal static class Sql
{
    public const string UseOnce = """
        INSERT INTO authority_replay (id, expires_at) VALUES (@id, @expires)
        ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE authority_replay.expires_at < @now
        """;

    /// <summary><c>@name0, @name1, …</c></summary>
    public static string Parameters(string name, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@{name}{i}"));

    public static string AddLineage(int parents) =>
        $"INSERT INTO authority_lineage (child, parent, child_expires_at) VALUES {string.Join(", ", Enumerable.Range(0, parents).Select(i => $"(@child, @parent{i}, @expires)"))} ON CONFLICT (child, parent) DO NOTHING";

    /// <summary>Which of these tokens are revoked.</summary>
    public static string SelectRevoked(int ids) =>
        $"SELECT jti FROM authority_revocations WHERE jti IN ({Parameters("id", ids)})";

    /// <summary>The unexpired tokens exchanged directly from any of these, each once.</summary>
    public static string Children(int parents) =>
        $"SELECT child, MAX(child_expires_at) FROM authority_lineage WHERE parent IN ({Parameters("parent", parents)}) AND child_expires_at > @now GROUP BY child";

    public const string Revoke = """
        INSERT INTO authority_revocations (jti, expires_at, revoked_at) VALUES (@id, @expires, @now)
        ON CONFLICT (jti) DO NOTHING
        """;

    public const string IsRevoked = "SELECT COUNT(*) FROM authority_revocations WHERE jti = @id";

    public const string Purge = """
        DELETE FROM authority_replay WHERE expires_at < @now;
        DELETE FROM authority_lineage WHERE child_expires_at < @now;
        DELETE FROM authority_revocations WHERE expires_at < @now
        """;

    public static string ReadRevocations(int gaps) =>
        $"SELECT seq, jti, expires_at FROM authority_revocations WHERE seq > @after{(gaps == 0 ? "" : $" OR seq IN ({string.Join(", ", Enumerable.Range(0, gaps).Select(i => $"@gap{i}"))})")} ORDER BY seq LIMIT @limit";

    public static IEnumerable<string> Schema(string sequenceColumn, string? schemaLock)
    {
        if (schemaLock is not null)
        {
            yield return schemaLock;
        }

        yield return "CREATE TABLE IF NOT EXISTS authority_replay (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)";
        yield return """
            CREATE TABLE IF NOT EXISTS authority_lineage (
                child TEXT NOT NULL, parent TEXT NOT NULL, child_expires_at BIGINT NOT NULL, PRIMARY KEY (child, parent))
            """;
        yield return "CREATE INDEX IF NOT EXISTS authority_lineage_parent ON authority_lineage (parent)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS authority_revocations (
                seq {sequenceColumn}, jti TEXT NOT NULL UNIQUE, expires_at BIGINT NOT NULL, revoked_at BIGINT NOT NULL)
            """;
    }
}
