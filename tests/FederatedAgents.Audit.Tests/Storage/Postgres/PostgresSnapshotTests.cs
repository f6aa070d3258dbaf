using System.Globalization;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Storage.Postgres;

/// <summary>
/// The server computes the node digest the verifier compares with its own: both must agree on what it covers. A parallel
/// view reads exactly the snapshot it came from.
/// </summary>
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

    [Fact]
    public async Task OpenParallelViewAsync_RowsAlteredAndAppendedAfterTheSnapshot_TheViewReadsTheSnapshot()
    {
        await using var snapshot = await Store.OpenSnapshotAsync(Ct).Bounded();
        var size = snapshot.Head.Size;
        var before = await ReadRecordsAsync(snapshot, size);
        await using var view = Assert.IsType<IAuditLogSnapshot>(await snapshot.OpenParallelViewAsync(Ct).Bounded(), exactMatch: false);

        await Database.ExecuteAsync($"UPDATE audit_records SET record = {Database.ReplaceInRecord("partner-1", "partner-9")} WHERE idx = 7");
        await Store.AppendBatchAsync(AuditLogVerifierContract.Events(5), Ct).Bounded();

        Assert.Equal(snapshot.Head, view.Head);
        Assert.Equal(before, await ReadRecordsAsync(view, size));
        Assert.Null(await view.FindIndexOutsideAsync(size, Ct).Bounded());
        await using var later = await Store.OpenSnapshotAsync(Ct).Bounded();
        Assert.Equal(size + 5, later.Head.Size);
        Assert.NotEqual(before, await ReadRecordsAsync(later, size));
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();

    protected override Task SeedAsync() => Store.AppendBatchAsync(AuditLogVerifierContract.Events(20), Ct).Bounded();

    /// <summary>The records [0, size) as stored, each as "index:hex".</summary>
    private static async Task<List<string>> ReadRecordsAsync(IAuditLogSnapshot snapshot, long size)
    {
        var rows = new StoredRows();
        await snapshot.ReadRecordsAsync(0, size, rows, Ct).Bounded();
        return [.. Enumerable.Range(0, rows.Count).Select(row => $"{rows.Key(row)}:{Convert.ToHexString(rows.Value(row))}")];
    }

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
