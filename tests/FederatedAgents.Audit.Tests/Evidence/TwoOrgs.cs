using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Evidence;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Audit.Tests.Receipts;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Evidence;

/// <summary>
/// The bank calls the bureau twice in txn-cross: each side logs the call, the bureau returns receipts, the bank verifies
/// and stores them beside its own records; unrelated records surround them; both sides sign checkpoints.
/// </summary>
internal sealed class TwoOrgs : IAsyncDisposable
{
    public const string Txn = "txn-cross";
    public const string Method = "/bureau.Credit/Score";

    private readonly SqliteDatabase _bankDatabase;
    private readonly SqliteDatabase _bureauDatabase;

    private TwoOrgs(SqliteDatabase bankDatabase, SqliteDatabase bureauDatabase, IAuditLogStore bankLog, IAuditLogStore bureauLog)
    {
        (_bankDatabase, _bureauDatabase) = (bankDatabase, bureauDatabase);
        (BankLog, BureauLog) = (bankLog, bureauLog);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));

    public TestLog Bank { get; } = new("bank");

    public TestLog Bureau { get; } = new("bureau");

    public IAuditLogStore BankLog { get; }

    public IAuditLogStore BureauLog { get; }

    public AuditReceiptIssuer BureauReceipts => new("bureau", Bureau.Origin, Bureau.Key, Time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TwoOrgs> CreateAsync()
    {
        var (bank, bureau) = (new SqliteDatabase(), new SqliteDatabase());
        var orgs = new TwoOrgs(bank, bureau, await bank.OpenAsync(), await bureau.OpenAsync());
        await orgs.BankLog.AppendBatchAsync(AuditLogVerifierContract.Events(3), Ct).Bounded();
        await orgs.BureauLog.AppendBatchAsync(AuditLogVerifierContract.Events(5), Ct).Bounded();
        for (var n = 0; n < 2; n++)
        {
            await orgs.CallAsync(n);
        }

        return orgs;
    }

    /// <summary>One cross-org call: the bureau logs and receipts it, the bank logs it and stores the verified receipt.</summary>
    public async Task CallAsync(int n, Func<AuditReceipt, AuditReceipt>? receiptInTransit = null)
    {
        var inbound = AuditReceiptTests.Call("bureau", "bank", Method, Txn, 2 * n);
        var receipt = BureauReceipts.Issue(inbound, await BureauLog.AppendAsync(inbound, Ct).Bounded());
        var outbound = AuditReceiptTests.Call("bank", "bureau", Method, Txn, (2 * n) + 1);
        var own = await BankLog.AppendAsync(outbound, Ct).Bounded();
        await BankLog.Receipts.AddAsync(own.Index, receiptInTransit?.Invoke(receipt) ?? receipt, Ct).Bounded();
    }

    /// <summary>Both sides sign their current heads, then export txn-cross.</summary>
    public async Task<(EvidenceBundle Bank, EvidenceBundle Bureau)> ExportAsync()
    {
        return (await ExportAsync(BankLog, Bank), await ExportAsync(BureauLog, Bureau));

        async Task<EvidenceBundle> ExportAsync(IAuditLogStore log, TestLog org)
        {
            await new AuditCheckpointer(log, org.Signer, new AuditCheckpointerOptions(), Time).CheckpointNowAsync(Ct).Bounded();
            var export = await EvidenceBundleExporter.ExportAsync(log, org.Keys, new AuditQuery { Txn = Txn }, $"txn={Txn}", Time, Ct).Bounded();
            return EvidenceBundle.Parse(export.Bundle.ToJson());
        }
    }

    public Dictionary<string, JsonWebKeySet> TrustBoth() => new() { ["bank"] = Bank.Keys, ["bureau"] = Bureau.Keys };

    public async ValueTask DisposeAsync()
    {
        await BankLog.DisposeAsync();
        await BureauLog.DisposeAsync();
        await _bankDatabase.DisposeAsync();
        await _bureauDatabase.DisposeAsync();
    }
}
