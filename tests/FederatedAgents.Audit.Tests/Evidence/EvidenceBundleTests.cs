using System.Text.Json.Nodes;
using FederatedAgents.Audit.Evidence;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Evidence;

public sealed class EvidenceBundleTests : TwoOrgsTest
{
    [Fact]
    public async Task Verify_ExportedWithTrustedKeys_ProvesEveryRecordOfTheTxnAgainstTheCheckpoint()
    {
        var (bank, _) = await Orgs.ExportAsync();

        var verification = EvidenceBundleVerifier.Verify(bank, Orgs.Bank.Keys);

        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Empty(verification.Warnings);
        Assert.Equal([3L, 4], verification.Records.Select(r => r.Index));
        Assert.All(verification.Records, r => Assert.True(r.Proven));
        Assert.Equal((2, "bureau"), (bank.Receipts.Count, bank.Receipts[0].Issuer));
        Assert.Equal(("bank", "bank.example/audit", "txn=txn-cross"), (bank.Org, bank.Origin, bank.Query));
    }

    [Fact]
    public async Task Verify_WithoutTrustedKeys_UsesTheEmbeddedOnesAndWarns()
    {
        var (bank, _) = await Orgs.ExportAsync();

        var verification = EvidenceBundleVerifier.Verify(bank, trustedKeys: null);

        Assert.True(verification.IsValid);
        Assert.True(verification.UsedEmbeddedKeys);
        Assert.Contains("not that it comes from that organization", Assert.Single(verification.Warnings));
    }

    [Fact]
    public async Task Verify_RecordEditedInTheBundle_NamesTheRecord()
    {
        var (bank, _) = await Orgs.ExportAsync();
        var edited = bank with { Records = [bank.Records[0] with { Leaf = bank.Records[0].Leaf.Replace("credit.read", "credit.write") }, bank.Records[1]] };

        var verification = EvidenceBundleVerifier.Verify(edited, Orgs.Bank.Keys);

        Assert.Equal([false, true], verification.Records.Select(r => r.Proven));
        Assert.Contains("Record 3: its inclusion proof does not lead to the checkpoint's root", Assert.Single(verification.Problems));
    }

    [Fact]
    public async Task Verify_KeysOfAnotherOrganization_RejectsTheCheckpoint()
    {
        var (bank, _) = await Orgs.ExportAsync();

        var verification = EvidenceBundleVerifier.Verify(bank, Orgs.Bureau.Keys);

        Assert.Null(verification.Checkpoint);
        Assert.Contains("has no signature by the audit key of 'bank.example/audit'", verification.Problems[0]);
    }

    [Fact]
    public async Task ReceiptChecker_BureausKeysButNotItsLog_VerifiesTheSignaturesOnly()
    {
        var (bank, _) = await Orgs.ExportAsync();
        var checker = new ReceiptChecker(Orgs.TrustBoth(), new Dictionary<string, BundleVerification>(), Orgs.Time);

        var checks = await checker.CheckAsync(EvidenceBundleVerifier.Verify(bank, Orgs.Bank.Keys), Ct).Bounded();

        Assert.Equal([ReceiptStatus.SignatureVerified, ReceiptStatus.SignatureVerified], checks.Select(c => c.Status));
        Assert.Equal([5L, 6], checks.Select(c => c.Receipt!.LeafIndex));
    }

    [Fact]
    public async Task Parse_UnknownMemberOrFormat_ThrowsFormatException()
    {
        var (bank, _) = await Orgs.ExportAsync();
        var json = JsonNode.Parse(bank.ToJson())!.AsObject();
        json["extra"] = 1;
        var otherFormat = bank with { Format = "federatedagents.audit-bundle/v9" };

        Assert.Throws<FormatException>(() => EvidenceBundle.Parse(json.ToJsonString()));
        Assert.Contains("this build reads", Assert.Throws<FormatException>(() => EvidenceBundle.Parse(otherFormat.ToJson())).Message);
    }

    [Fact]
    public async Task ExportAsync_RecordsNewerThanTheCheckpoint_AreLeftOutAndCounted()
    {
        await Orgs.ExportAsync();
        await Orgs.CallAsync(5);

        var export = await EvidenceBundleExporter.ExportAsync(
            Orgs.BankLog, Orgs.Bank.Keys, new AuditQuery { Txn = TwoOrgs.Txn }, "txn", Orgs.Time, Ct).Bounded();

        Assert.Equal((2, 1), (export.Bundle.Records.Count, export.NotCovered));
    }

    [Fact]
    public async Task ExportAsync_KeysThatDoNotSignTheCheckpoint_Refuses()
    {
        await Orgs.ExportAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EvidenceBundleExporter.ExportAsync(
            Orgs.BankLog, new JsonWebKeySet([SigningKey.Generate().PublicKey]), new AuditQuery(), "all", Orgs.Time, Ct).Bounded());

        Assert.Contains("Refusing to export", error.Message);
    }
}
