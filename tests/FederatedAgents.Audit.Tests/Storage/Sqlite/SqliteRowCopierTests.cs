using FederatedAgents.Audit.Storage.Sqlite;

namespace FederatedAgents.Audit.Tests.Storage.Sqlite;

public sealed class SqliteRowCopierTests
{
    /// <summary>The verifier's SQLite reads (and so the store contract's verification tests) go through the copier only when it loads.</summary>
    [Fact]
    public void Instance_WithTheBundledSqlite_IsLoaded() => Assert.NotNull(SqliteRowCopier.Instance);
}
