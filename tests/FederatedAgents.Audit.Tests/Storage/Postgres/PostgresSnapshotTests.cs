using System.Globalization;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Storage.Postgres;

/// <summary>The server computes the node digest the verifier compares with its own: both must agree on what it covers.</summary>
public sealed class PostgresSnapshotTests : StoreTest
{
    private static readonly long s_start = NodeKey.LeafPosition(5);
    private static readonly long s_end = NodeKey.LeafPosition(14);

    [Fact]
    public async Task DigestNodesAsync_UntouchedRange_MatchesTheStoredHashes()
    {
        var (digest, stored) = await ReadAsync();

        Assert.True(stored.Match(digest));
    }

    [Theory]
    [InlineData("UPDATE audit_nodes SET hash = sha256(hash) WHERE pos = {0}")]
    [InlineData("DELETE FROM audit_nodes WHERE pos = {0}")]
    [InlineData("UPDATE audit_nodes SET pos = -1 WHERE pos = {0}; UPDATE audit_nodes SET pos = {0} WHERE pos = {0} + 1; UPDATE audit_nodes SET pos = {0} + 1 WHERE pos = -1")]
    public async Task DigestNodesAsync_RowAlteredDeletedOrMoved_NoLongerMatchesTheUntouchedHashes(string tamperSql)
    {
        var (_, untouched) = await ReadAsync();
        await Database.ExecuteAsync(string.Format(CultureInfo.InvariantCulture, tamperSql, s_start + 3));

        var (digest, _) = await ReadAsync();

        Assert.False(untouched.Match(digest));
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();

    protected override Task SeedAsync() => Store.AppendBatchAsync(AuditLogVerifierContract.Events(20), Ct).Bounded();

    /// <summary>The server's digest of the range, and the range's stored rows as the verifier would have recomputed them.</summary>
    private async Task<(StoredNodesDigest Digest, RecomputedNodes Stored)> ReadAsync()
    {
        await using var snapshot = await Store.OpenSnapshotAsync(Ct).Bounded();
        var digest = await snapshot.DigestNodesAsync(s_start, s_end, Ct).Bounded();
        var rows = new StoredRows();
        await snapshot.ReadNodesAsync(s_start, s_end, rows, Ct).Bounded();
        var stored = new RecomputedNodes();
        stored.Reset(s_start);
        for (var row = 0; row < rows.Count; row++)
        {
            stored.Add(rows.Value(row));
        }

        return (Assert.IsType<StoredNodesDigest>(digest), stored);
    }
}
