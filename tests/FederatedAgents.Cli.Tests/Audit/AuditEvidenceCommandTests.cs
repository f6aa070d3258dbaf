using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Tests.Audit;

/// <summary><c>audit show</c>, <c>prove</c>, <c>export</c>, <c>verify-bundle</c> and <c>trace</c> on two organizations' logs.</summary>
public sealed class AuditEvidenceCommandTests : OrgLogsTest
{
    [Fact]
    public async Task Show_ByTxn_RendersTheRecordWithItsDelegationChainAndStoredReceipt()
    {
        var run = await RunAsync("show", "--store", Logs.Store("bank"), "--txn", OrgLogs.Txn);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.StartsWith("#7  2026-11-21 09:00:07.000Z  call.completed  success", lines[0]);
        Assert.Contains($"  method   {OrgLogs.Method}", lines);
        Assert.Contains("  status   0 OK", lines);
        Assert.Contains("  chain    alice@https://auth.bank.example (subject)", lines);
        Assert.Contains("           └─ planner@https://auth.bank.example", lines);
        Assert.Contains("              └─ gateway@https://auth.bank.example (current actor)", lines);
        Assert.Contains(lines, l => l.StartsWith("  receipt  receipt from bureau stored", StringComparison.Ordinal));
        Assert.Contains("1 records (txn=loan-42).", run.Out);
    }

    [Fact]
    public async Task ShowAndTrace_OnATerminal_RenderPanelsWithTheChainAsATree()
    {
        var (bank, bureau) = (await ExportAsync("bank"), await ExportAsync("bureau"));

        var show = await CliRun.InvokeAsync(Logs.Folder, plainOutput: false, "audit", "show", "--store", Logs.Store("bank"), "--txn", OrgLogs.Txn);
        var trace = await CliRun.InvokeAsync(Logs.Folder, plainOutput: false, "audit", "trace", "--txn", OrgLogs.Txn, bank, bureau);

        Assert.Equal((0, 0), (show.ExitCode, trace.ExitCode));
        Assert.Contains("gateway@https://auth.bank.example (current actor)", show.Out);
        Assert.Contains("#7  2026-11-21 09:00:07.000Z  call.completed  success", show.Out);
        Assert.Contains("bureau #7", trace.Out);
        Assert.Contains("VERIFIED", trace.Out);
    }

    [Fact]
    public async Task Show_ByDecisionAndTimeRange_FiltersAndPages()
    {
        var run = await RunAsync("show", "--store", Logs.Store("bank"), "--decision", "success",
            "--from", "2026-11-21T09:00:03Z", "--to", "2026-11-21T09:00:06Z", "--limit", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["#3", "#4"], run.Out.Split('\n').Where(l => l.StartsWith('#')).Select(l => l.Split(' ')[0]));
        Assert.Contains("there may be more: page with --after", run.Out);
    }

    [Fact]
    public async Task Prove_RecordAgainstTheLatestCheckpoint_PrintsAVerifiedProofAndTheNote()
    {
        var run = await RunAsync("prove", "--store", Logs.Store("bank"), "--index", "7", "--keys", Logs.Keys("bank"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("checkpoint  bank.example/audit at 20 records", run.Out);
        Assert.Contains("signature verified", run.Out);
        Assert.Contains("\n\n\u2014 bank.example/audit ", run.Out);
        Assert.Contains("OK: record 7 is in the tree the checkpoint signs.", run.Out);
    }

    [Fact]
    public async Task Prove_AgainstAnOlderCheckpointThatDoesNotCoverTheRecord_Fails()
    {
        var run = await RunAsync("prove", "--store", Logs.Store("bank"), "--index", "7", "--size", "6");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Record 7 is not covered by checkpoint bank.example/audit @ 6", run.Error);
    }

    [Fact]
    public async Task ExportThenVerifyBundle_WithTheOrganizationsKeys_Verifies()
    {
        var bundle = await ExportAsync("bank");

        var run = await RunAsync("verify-bundle", bundle, "--trust", Logs.Keys("bank"), "--trust", $"bureau={Logs.Keys("bureau")}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("checkpoint  verified with trusted keys: 20 records", run.Out);
        Assert.Contains("records     1 of 1 proven against the checkpoint", run.Out);
        Assert.Contains("receipt from bureau held by bank beside #7: SIGNATURE VERIFIED", run.Out);
        Assert.Contains("OK: the bundle verifies.", run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task VerifyBundle_WithoutTrustedKeys_WarnsThatOnlyTheEmbeddedKeyWasUsed()
    {
        var bundle = await ExportAsync("bank");

        var run = await RunAsync("verify-bundle", bundle);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the bundle's OWN embedded keys only", run.Out);
        Assert.Contains("Warning: No trusted keys for 'bank' were given", run.Error);
        Assert.Contains("receipt from bureau held by bank beside #7: UNCHECKED", run.Out);
    }

    [Fact]
    public async Task VerifyBundle_RecordEditedInTheFile_Fails()
    {
        var bundle = await ExportAsync("bank");
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(bundle, (await File.ReadAllTextAsync(bundle, ct)).Replace("credit.read", "credit.admin"), ct);

        var run = await RunAsync("verify-bundle", bundle, "--trust", Logs.Keys("bank"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PROBLEM: Record 7: its inclusion proof does not lead to the checkpoint's root", run.Error);
    }

    [Fact]
    public async Task Trace_TwoOrganizationsBundles_TellsOneStoryAndVerifiesTheReceiptAgainstTheBureausLog()
    {
        var (bank, bureau) = (await ExportAsync("bank"), await ExportAsync("bureau"));

        var run = await RunAsync("trace", "--txn", OrgLogs.Txn, bank, bureau, "--trust", $"bank={Logs.Keys("bank")}", "--trust", $"bureau={Logs.Keys("bureau")}");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Out.IndexOf("bank #7  2026", StringComparison.Ordinal) < run.Out.IndexOf("bureau #7  2026", StringComparison.Ordinal));
        Assert.Contains("↳ receipt from bureau held by bank beside #7: VERIFIED — record 7 of bureau.example/audit, proven against bureau's checkpoint at 20 records", run.Out);
        Assert.Contains("OK: every record is proven", run.Out);
    }

    [Fact]
    public async Task Trace_ReceiptForgedOnItsWay_FailsLoudly()
    {
        Use(await OrgLogs.CreateAsync((logs, receipt) =>
            logs.ReceiptIssuer("bureau", SigningKey.Generate()).Issue(Inbound(), new(receipt.LeafIndex, receipt.TreeHead))));
        var (bank, bureau) = (await ExportAsync("bank"), await ExportAsync("bureau"));

        var run = await RunAsync("trace", "--txn", OrgLogs.Txn, bank, bureau, "--trust", $"bank={Logs.Keys("bank")}", "--trust", $"bureau={Logs.Keys("bureau")}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("RECEIPT DOES NOT MATCH: bureau's receipt held by bank beside #7", run.Error);
        Assert.Contains("INVALID", run.Out);
        Assert.Contains("FAILED: the organizations' evidence does not agree", run.Out);
    }

    private static FederatedAgents.Audit.Events.CallCompletedEvent Inbound() => new()
    {
        EventId = "evt-phantom", OccurredAt = DateTimeOffset.UnixEpoch, Org = "bureau", PartnerOrg = "bank", Method = OrgLogs.Method,
        Txn = OrgLogs.Txn, GrpcStatus = 0, Latency = TimeSpan.Zero,
    };

    private Task<CliRun> RunAsync(params string[] args) => CliRun.InvokeAsync(Logs.Folder, ["audit", .. args]);

    private async Task<string> ExportAsync(string org)
    {
        var path = Path.Combine(Logs.Folder, $"{org}-bundle.json");
        var run = await RunAsync("export", "--store", Logs.Store(org), "--keys", Logs.Keys(org), "--txn", OrgLogs.Txn, "--out", path);
        Assert.True(run.ExitCode == 0, run.Error);
        return path;
    }
}
