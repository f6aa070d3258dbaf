using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Events;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Verification;

/// <summary>Tampering done with SQL straight on the database, as an insider would, and what the verifier says.</summary>
public abstract class AuditLogVerifierContract : StoreTest
{
    private const int Size = 40;

    [Fact]
    public async Task VerifyAsync_UntouchedLog_IsValidAndReportsProgressPerPage()
    {
        var progress = new List<AuditVerificationProgress>();

        var result = await AuditLogVerifier.VerifyAsync(
            Store, new AuditVerificationOptions { PageSize = 16, Progress = new SyncProgress(progress.Add) }, Ct).Bounded();

        Assert.True(result.IsValid, result.Damage?.Message);
        Assert.Equal(Size, result.RecordsChecked);
        Assert.Equal([new(16, Size), new(32, Size), new(Size, Size)], progress);
    }

    [Fact]
    public Task VerifyAsync_FieldAlteredInPlace_NamesTheRecord() =>
        AssertDamageAsync($"UPDATE audit_records SET record = {Database.ReplaceInRecord("partner-1", "partner-9")} WHERE idx = 13", 13, AuditDamage.AlteredRecord);

    [Fact]
    public Task VerifyAsync_RowDeleted_NamesTheMissingIndex() =>
        AssertDamageAsync("DELETE FROM audit_records WHERE idx = 21", 21, AuditDamage.DeletedRecord);

    [Fact]
    public Task VerifyAsync_LastRowDeleted_NamesTheMissingIndex() =>
        AssertDamageAsync($"DELETE FROM audit_records WHERE idx = {Size - 1}", Size - 1, AuditDamage.DeletedRecord);

    [Fact]
    public Task VerifyAsync_RowDeletedAndLaterRowsRenumbered_NamesTheDeletedIndex() =>
        AssertDamageAsync(
            "DELETE FROM audit_records WHERE idx = 6; UPDATE audit_records SET idx = idx + 1000 WHERE idx > 6; "
            + "UPDATE audit_records SET idx = idx - 1001 WHERE idx >= 1000",
            6, AuditDamage.DeletedRecord);

    [Fact]
    public Task VerifyAsync_RowInsertedAfterTheEnd_NamesItsIndex() =>
        AssertDamageAsync($"INSERT INTO audit_records (idx, record) SELECT {Size}, record FROM audit_records WHERE idx = 3", Size, AuditDamage.InsertedRecord);

    [Fact]
    public Task VerifyAsync_RowInsertedAndLaterRowsRenumbered_NamesTheInsertedIndex() =>
        AssertDamageAsync(
            "UPDATE audit_records SET idx = idx + 1000 WHERE idx >= 10; UPDATE audit_records SET idx = idx - 999 WHERE idx >= 1000; "
            + "INSERT INTO audit_records (idx, record) SELECT 10, record FROM audit_records WHERE idx = 3",
            10, AuditDamage.InsertedRecord);

    [Fact]
    public Task VerifyAsync_TwoRowsSwapped_NamesTheFirstOfThem() =>
        AssertDamageAsync(
            "UPDATE audit_records SET idx = -1 WHERE idx = 4; UPDATE audit_records SET idx = 4 WHERE idx = 9; "
            + "UPDATE audit_records SET idx = 9 WHERE idx = -1",
            4, AuditDamage.ReorderedRecords);

    [Fact]
    public Task VerifyAsync_RecordAndItsLeafHashReplaced_NamesTheSubtreeAboveIt() =>
        AssertDamageAsync(
            "UPDATE audit_records SET record = (SELECT record FROM audit_records WHERE idx = 30) WHERE idx = 5; "
            + $"UPDATE audit_nodes SET hash = (SELECT hash FROM audit_nodes WHERE pos = {NodeKey.LeafPosition(30)}) WHERE pos = {NodeKey.LeafPosition(5)}",
            4, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_SubtreeHashDeleted_NamesTheSubtreesFirstRecord() =>
        AssertDamageAsync($"DELETE FROM audit_nodes WHERE pos = {new NodeKey(3, 2).Position}", 16, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_LeafHashDeleted_NamesTheRecord() =>
        AssertDamageAsync($"DELETE FROM audit_nodes WHERE pos = {NodeKey.LeafPosition(19)}", 19, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_LeafHashAltered_NamesTheRecord() =>
        AssertDamageAsync(
            $"UPDATE audit_nodes SET hash = {Database.Bytes(new byte[Sha256Hash.Length])} WHERE pos = {NodeKey.LeafPosition(27)}", 27, AuditDamage.AlteredRecord);

    [Fact]
    public Task VerifyAsync_SubtreeHashAltered_NamesTheSubtreesFirstRecord() =>
        AssertDamageAsync(
            $"UPDATE audit_nodes SET hash = {Database.Bytes(new byte[Sha256Hash.Length])} WHERE pos = {new NodeKey(2, 5).Position}", 20, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_SubtreeHashTruncated_NamesTheSubtreesFirstRecord() =>
        AssertDamageAsync($"UPDATE audit_nodes SET hash = substr(hash, 1, 31) WHERE pos = {new NodeKey(1, 17).Position}", 34, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_SubtreeHashesOfTwoPagesSwapped_NamesTheFirstSubtree() =>
        AssertDamageAsync(
            $"UPDATE audit_nodes SET pos = -1 WHERE pos = {new NodeKey(1, 1).Position}; "
            + $"UPDATE audit_nodes SET pos = {new NodeKey(1, 1).Position} WHERE pos = {new NodeKey(1, 15).Position}; "
            + $"UPDATE audit_nodes SET pos = {new NodeKey(1, 15).Position} WHERE pos = -1",
            2, AuditDamage.AlteredTree);

    [Fact]
    public Task VerifyAsync_HeadRootReplaced_ReportsRootMismatchAtTheTreeSize() =>
        AssertDamageAsync("UPDATE audit_head SET root = (SELECT hash FROM audit_nodes WHERE pos = 0)", Size, AuditDamage.RootMismatch);

    [Fact]
    public async Task VerifyAsync_AnchorBeyondTheLog_ReportsTruncation()
    {
        var anchor = new TreeAnchor(new TreeHead(Size + 10, MerkleHasher.EmptyRoot), "checkpoint 7");

        var result = await AuditLogVerifier.VerifyAsync(Store, new AuditVerificationOptions { Anchors = Anchors(anchor) }, Ct).Bounded();

        Assert.Equal(new AuditDamageReport(Size, AuditDamage.DeletedRecord, "checkpoint 7 covers 50 records but the log holds 40: the log was truncated."), result.Damage);
    }

    [Fact]
    public async Task AppendAsync_AfterHeadRootReplaced_RefusesToAppend()
    {
        await Database.ExecuteAsync("UPDATE audit_head SET root = (SELECT hash FROM audit_nodes WHERE pos = 0)");

        await using var store = await Database.OpenAsync();
        var error = await Assert.ThrowsAsync<AuditLogDamagedException>(() => store.AppendAsync(Events(1)[0], Ct).Bounded());

        Assert.Contains("refusing to append", error.Message);
    }

    internal static List<AuditEvent> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SampleEvents.Call($"evt-{i}", i, $"partner-{i % 3}", $"/m/{i % 4}"))];

    internal static async IAsyncEnumerable<TreeAnchor> Anchors(params TreeAnchor[] anchors)
    {
        foreach (var anchor in anchors)
        {
            await Task.Yield();
            yield return anchor;
        }
    }

    protected override async Task SeedAsync()
    {
        foreach (var chunk in Events(Size).Chunk(9))
        {
            await Store.AppendBatchAsync(chunk, Ct).Bounded();
        }
    }

    protected async Task AssertDamageAsync(string tamperSql, long firstBadIndex, AuditDamage kind)
    {
        await Database.ExecuteAsync(tamperSql);

        var result = await AuditLogVerifier.VerifyAsync(Store, new AuditVerificationOptions { PageSize = 8 }, Ct).Bounded();

        Assert.False(result.IsValid);
        Assert.Equal((firstBadIndex, kind), (result.Damage!.FirstBadIndex, result.Damage.Kind));
    }

    private sealed class SyncProgress(Action<AuditVerificationProgress> report) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => report(value);
    }
}

public sealed class SqliteAuditLogVerifierTests : AuditLogVerifierContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());
}

public sealed class PostgresAuditLogVerifierTests : AuditLogVerifierContract
{
    /// <summary>Only a table without its primary key can hold a position twice; SQLite cannot drop one.</summary>
    [Fact]
    public Task VerifyAsync_SubtreeHashStoredTwice_NamesTheSubtreesFirstRecord() =>
        AssertDamageAsync(
            "ALTER TABLE audit_nodes DROP CONSTRAINT audit_nodes_pkey; "
            + $"INSERT INTO audit_nodes (pos, hash) SELECT pos, hash FROM audit_nodes WHERE pos = {new NodeKey(3, 1).Position}",
            8, AuditDamage.AlteredTree);

    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();
}
