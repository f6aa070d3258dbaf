using FederatedAgents.Audit;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Audit;

/// <summary><c>audit verify</c> on real SQLite logs, untouched and after SQL tampering straight on the database.</summary>
public sealed class AuditVerifyCommandTests : OrgLogsTest
{
    [Fact]
    public async Task Verify_UntouchedLogWithKeys_SucceedsWithRecordsCheckpointsAndRoot()
    {
        var run = await VerifyAsync("--keys", Logs.Keys("bank"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"OK: {OrgLogs.Records} records verified; root ", run.Out);
        Assert.Contains("4 stored checkpoints of bank.example/audit verified", run.Out);
        Assert.Contains($"verified {OrgLogs.Records} of {OrgLogs.Records} records (100%)", run.Error);
    }

    [Fact]
    public async Task Verify_OnATerminal_ShowsProgressThenTheSummary()
    {
        var run = await CliRun.InvokeAsync(Logs.Folder, plainOutput: false, "audit", "verify", "--store", Logs.Store("bank"), "--keys", Logs.Keys("bank"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"OK: {OrgLogs.Records} records verified", run.Out);
    }

    [Fact]
    public async Task Verify_WithoutKeys_SucceedsButWarnsThatCheckpointsWereNotChecked()
    {
        var run = await VerifyAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("checkpoints were not checked", run.Error);
    }

    [Theory]
    [InlineData("UPDATE audit_records SET record = replace(record, 'credit.read', 'credit.write') WHERE idx = 9", 9, "AlteredRecord")]
    [InlineData("DELETE FROM audit_records WHERE idx = 13", 13, "DeletedRecord")]
    [InlineData("UPDATE audit_records SET idx = idx + 100 WHERE idx >= 4; UPDATE audit_records SET idx = idx - 99 WHERE idx >= 100; "
        + "INSERT INTO audit_records (idx, record) SELECT 4, record FROM audit_records WHERE idx = 1", 4, "InsertedRecord")]
    [InlineData("UPDATE audit_records SET idx = -1 WHERE idx = 11; UPDATE audit_records SET idx = 11 WHERE idx = 15; "
        + "UPDATE audit_records SET idx = 15 WHERE idx = -1", 11, "ReorderedRecords")]
    public async Task Verify_DatabaseTamperedWithSql_ExitsOneNamingTheFirstBadIndexAndKind(string sql, long firstBadIndex, string kind)
    {
        await Logs.TamperAsync("bank", sql);

        var run = await VerifyAsync("--keys", Logs.Keys("bank"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"FAILED: first bad index {firstBadIndex} ({kind})", run.Error);
        Assert.DoesNotContain("OK:", run.Out);
    }

    [Fact]
    public async Task Verify_CheckpointNoteEdited_ExitsOneWithAnInvalidCheckpoint()
    {
        await Logs.TamperAsync("bank", "UPDATE audit_checkpoints SET note = replace(note, char(10) || '12' || char(10), char(10) || '13' || char(10)) WHERE size = 12");

        var run = await VerifyAsync("--keys", Logs.Keys("bank"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED: first bad index 6 (InvalidCheckpoint)", run.Error);
    }

    [Fact]
    public async Task Verify_TruncatedWithItsCheckpointsDeleted_IsCaughtOnlyByAPartnersCheckpoint()
    {
        var partnerHeld = Path.Combine(Logs.Folder, "held-by-bureau.txt");
        await File.WriteAllTextAsync(partnerHeld, await LatestNoteAsync(), TestContext.Current.CancellationToken);
        var rootAt18 = await RootAsync(18);
        await Logs.TamperAsync("bank",
            $"DELETE FROM audit_records WHERE idx >= 18; DELETE FROM audit_nodes WHERE pos >= {NodeKey.CountFor(18)}; "
            + $"DELETE FROM audit_checkpoints WHERE size > 18; UPDATE audit_head SET size = 18, root = X'{Convert.ToHexString(rootAt18.AsSpan())}'");

        var alone = await VerifyAsync("--keys", Logs.Keys("bank"));
        var withPartner = await VerifyAsync("--keys", Logs.Keys("bank"), "--checkpoint", partnerHeld);

        Assert.Equal(0, alone.ExitCode);
        Assert.Equal(1, withPartner.ExitCode);
        Assert.Contains("FAILED: first bad index 18 (DeletedRecord)", withPartner.Error);
        Assert.Contains("held-by-bureau.txt covers 20 records but the log holds 18", withPartner.Error);
    }

    [Fact]
    public async Task Verify_StoreWithoutKind_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(Logs.Folder, "audit", "verify", "--store", Logs.Db("bank"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("write sqlite:<path> or postgres:<connection string>", run.Error);
    }

    [Fact]
    public async Task Verify_MissingDatabaseFile_FailsWithoutCreatingOne()
    {
        var run = await CliRun.InvokeAsync(Logs.Folder, "audit", "verify", "--store", "sqlite:nowhere.db");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no audit log at nowhere.db", run.Error);
        Assert.False(File.Exists(Path.Combine(Logs.Folder, "nowhere.db")));
    }

    private Task<CliRun> VerifyAsync(params string[] options) =>
        CliRun.InvokeAsync(Logs.Folder, ["audit", "verify", "--store", Logs.Store("bank"), .. options]);

    private async Task<string> LatestNoteAsync()
    {
        await using var log = await AuditLogStores.OpenSqliteAsync(Logs.Db("bank"));
        return (await log.Checkpoints.GetLatestAsync().Bounded())!.ToNote();
    }

    private async Task<Sha256Hash> RootAsync(long size)
    {
        await using var log = await AuditLogStores.OpenSqliteAsync(Logs.Db("bank"));
        var first = await log.ReadAsync(0, 1).SingleAsync().AsTask().Bounded();
        return (await log.GetInclusionProofAsync(0, size).Bounded()).ComputeRoot(first.LeafHash)!.Value;
    }
}
