using FederatedAgents.Audit.Evidence;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Tests.Receipts;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Evidence;

public sealed class CrossOrgTraceTests : TwoOrgsTest
{
    [Fact]
    public async Task BuildAsync_HonestBundles_JoinsBothLogsInTimeOrderAndVerifiesEveryReceiptAgainstTheBureausLog()
    {
        var (bank, bureau) = await Orgs.ExportAsync();

        var report = await CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank, bureau], Orgs.TrustBoth(), Orgs.Time, Ct).Bounded();

        Assert.True(report.IsConsistent);
        Assert.Equal(["bureau #5", "bank #3", "bureau #6", "bank #4"], report.Steps.Select(s => $"{s.Org} #{s.Index}"));
        Assert.Equal([ReceiptStatus.Verified, ReceiptStatus.Verified], report.Receipts.Select(r => r.Status));
        Assert.Contains("proven against bureau's checkpoint", report.Receipts[0].Message);
    }

    [Fact]
    public async Task BuildAsync_ReceiptForgedWithAnotherKey_IsInvalid()
    {
        var forger = new AuditReceiptIssuer("bureau", Orgs.Bureau.Origin, SigningKey.Generate(), Orgs.Time);
        await Orgs.CallAsync(2, receipt => forger.Issue(
            AuditReceiptTests.Call("bureau", "bank", TwoOrgs.Method, TwoOrgs.Txn, 4), new(receipt.LeafIndex, receipt.TreeHead)));
        var (bank, bureau) = await Orgs.ExportAsync();

        var report = await CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank, bureau], Orgs.TrustBoth(), Orgs.Time, Ct).Bounded();

        Assert.False(report.IsConsistent);
        var forged = Assert.Single(report.Receipts, r => r.Status == ReceiptStatus.Invalid);
        Assert.Equal(("bank", 5L), (forged.Holder, forged.HolderIndex));
        Assert.Contains("has no key", forged.Message);
    }

    [Fact]
    public async Task BuildAsync_BureauReceiptedALeafItsLogDoesNotHold_IsInvalidNamingTheBureausLog()
    {
        await Orgs.CallAsync(2, receipt => Orgs.BureauReceipts.Issue(
            AuditReceiptTests.Call("bureau", "bank", TwoOrgs.Method, TwoOrgs.Txn, 99), new(receipt.LeafIndex, receipt.TreeHead)));
        var (bank, bureau) = await Orgs.ExportAsync();

        var report = await CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank, bureau], Orgs.TrustBoth(), Orgs.Time, Ct).Bounded();

        var mismatch = Assert.Single(report.Receipts, r => r.Status == ReceiptStatus.Invalid);
        Assert.Contains("the issuer's log does not hold what it receipted", mismatch.Message);
        Assert.False(report.IsConsistent);
    }

    [Fact]
    public async Task BuildAsync_WithoutTheBureausBundle_ChecksSignaturesOnly()
    {
        var (bank, _) = await Orgs.ExportAsync();

        var report = await CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank], Orgs.TrustBoth(), Orgs.Time, Ct).Bounded();

        Assert.True(report.IsConsistent);
        Assert.All(report.Receipts, r => Assert.Equal(ReceiptStatus.SignatureVerified, r.Status));
    }

    [Fact]
    public async Task BuildAsync_NoTrustedKeys_UsesEachBundlesOwnKeysWithAWarning()
    {
        var (bank, bureau) = await Orgs.ExportAsync();

        var report = await CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank, bureau], new Dictionary<string, JsonWebKeySet>(), Orgs.Time, Ct).Bounded();

        Assert.True(report.IsConsistent);
        Assert.All(report.Bundles, b => Assert.True(b.UsedEmbeddedKeys));
        Assert.All(report.Bundles, b => Assert.Single(b.Warnings));
    }

    [Fact]
    public async Task BuildAsync_TwoBundlesOfOneOrganization_Throws()
    {
        var (bank, _) = await Orgs.ExportAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => CrossOrgTrace.BuildAsync(TwoOrgs.Txn, [bank, bank], Orgs.TrustBoth(), Orgs.Time, Ct).Bounded());
    }
}
