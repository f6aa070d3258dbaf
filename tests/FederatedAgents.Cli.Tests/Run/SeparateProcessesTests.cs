using System.Net;
using System.Text;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Cli.Loan;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using Google.Protobuf;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>
/// The cross-organization story with each organization its own process (<c>run --config</c> on deploy/local, real TLS
/// and mutual TLS between them): the loan check crosses both gateways, bureau's egress filter keeps its raw report, bank
/// requires and gets bureau's signed receipt, and a chain without credit.read is refused.
/// </summary>
public sealed class SeparateProcessesTests
{
    [Fact]
    public async Task RunConfig_BankAndBureauProcesses_LoanCheckCrossesBothGatewaysWithoutClassifiedData()
    {
        await using var orgs = await SeparateOrganizations.StartAsync();
        var classified = await RawClassifiedValuesAsync(orgs);

        var check = await LoanCheckAsync(orgs);
        var refused = await LoanCheckAsync(orgs, "--scope", "loans.read");
        var received = await AssessThroughBankAsync(orgs);
        var bureauAudit = await CliRun.InvokeAsync(orgs.Folder, "audit", "show", "--store", "sqlite:" + Path.Combine(orgs.Data("bureau"), "audit.db"));
        var bankOutput = orgs.Bank!.Output;
        await orgs.StopBankAsync();

        Assert.Equal(0, check.ExitCode);
        Assert.Contains($"delegated: alice@{orgs.Url("https", 7443)} → loan-agent@{orgs.Url("https", 7443)}", check.Out, StringComparison.Ordinal);
        Assert.Contains("decision: Approved", check.Out, StringComparison.Ordinal);
        // Bureau's record of the call: the whole chain, bank's gateway the current actor, and what egress removed.
        Assert.Equal(0, bureauAudit.ExitCode);
        Assert.Contains($"└─ loan-agent@{orgs.Url("https", 7443)}", bureauAudit.Out, StringComparison.Ordinal);
        Assert.Contains($"└─ bank-gateway@{orgs.Url("https", 7443)} (current actor)", bureauAudit.Out, StringComparison.Ordinal);
        Assert.Matches(@"removed .*report\.national_id.*report\.full_name.*report\.address.*report\.accounts\[\]\.account_number", bureauAudit.Out);
        // bank requires bureau's receipt (RequireReceipt): an OK answer means it arrived and verified.
        Assert.NotNull(received.Report);
        Assert.Equal(DataClassificationFree(received.Report), received.Report);
        Assert.Empty(received.ModelVersion);
        Assert.DoesNotContain("ReceiptRejected", bankOutput, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("PermissionDenied (7)", refused.Error, StringComparison.Ordinal);

        var seenByBank = new List<(string Where, byte[] Bytes)>
        {
            ("the loan check's output", Encoding.UTF8.GetBytes(check.Out + check.Error + refused.Out + refused.Error)),
            ("the Assess response bank received", received.ToByteArray()),
            ("bank's process output", Encoding.UTF8.GetBytes(bankOutput)),
        };
        seenByBank.AddRange(Directory.EnumerateFiles(orgs.Data("bank"), "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f))));
        Assert.Contains(seenByBank, s => s.Where.EndsWith("audit.db", StringComparison.Ordinal));
        foreach (var value in classified)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Assert.All(seenByBank, s => Assert.True(s.Bytes.AsSpan().IndexOf(bytes) < 0, $"bureau's classified value '{value}' is in {s.Where}."));
        }
    }

    private static Task<CliRun> LoanCheckAsync(SeparateOrganizations orgs, params string[] more) => CliRun.InvokeAsync(orgs.Folder, [
        "loan", "check", "--authority", orgs.Url("https", 7443), "--client-id", "loan-agent", "--key", Path.Combine(orgs.Certificates, "bank", "client.key"),
        "--ca", Path.Combine(orgs.Certificates, "ca.crt"), "--gateway", orgs.Url("http", 7445), "--audience", orgs.Url("https", 7444), .. more]);

    /// <summary>The classified text of the raw report, as bureau's credit agent (h2c inside bureau) answers it.</summary>
    private static async Task<List<string>> RawClassifiedValuesAsync(SeparateOrganizations orgs)
    {
        using var agent = GrpcChannel.ForAddress(new Uri(orgs.Url("http", 7546)));
        var raw = (await agent.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, new CallOptions(), Request()).ResponseAsync.Bounded()).Report;
        var address = raw.Address;
        List<string> values = [raw.NationalId, raw.FullName, raw.PassportNumber, raw.DriversLicenseNumber, raw.AnalystNote, address?.Line1 ?? "", address?.PostalCode ?? "",
            .. raw.PreviousAddresses.Select(a => a.Line1), .. raw.Accounts.Select(a => a.AccountNumber)];
        values = values.Where(v => v.Length >= 5).ToList();
        Assert.True(values.Count >= 4, $"the sample report should carry classified text; found [{string.Join(", ", values)}]");
        return values;
    }

    /// <summary>Assess as one of bank's agents calls it: its gateway's local listener, fa-target-org bureau, a token alice delegated to the loan agent.</summary>
    private static async Task<AssessResponse> AssessThroughBankAsync(SeparateOrganizations orgs)
    {
        using var ca = CertificateFiles.LoadCertificate(Path.Combine(orgs.Certificates, "ca.crt"));
        using var http = new HttpClient(AuthorityHttp.CreateHandler(trustedAuthority: ca)) { DefaultRequestVersion = HttpVersion.Version20 };
        using var key = SigningKey.FromPemFile(Path.Combine(orgs.Certificates, "bank", "client.key"));
        var loanAgent = new AuthorityClient(http, orgs.Url("https", 7443), "loan-agent", key);
        var delegated = await LoanDelegation.DelegateAsync(http, loanAgent, "alice", "alice", orgs.Url("https", 7444), ["loans.read", "credit.read"], TestContext.Current.CancellationToken).Bounded();

        using var gateway = GrpcChannel.ForAddress(new Uri(orgs.Url("http", 7445)));
        var headers = new Metadata().Add(FederationMetadata.TargetOrganization, "bureau").Add(FederationMetadata.Authorization, "Bearer " + delegated);
        return await gateway.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, new CallOptions(headers), Request()).ResponseAsync.Bounded();
    }

    private static AssessRequest Request() =>
        new() { ConsumerReference = "C-4821", ConsentId = "consent-1001", AmountMinor = 15_000_00, CurrencyCode = "EUR", Purpose = LoanPurpose.Personal };

    /// <summary>The report with every classified field cleared: what bureau's egress filter must have left.</summary>
    private static CreditReport DataClassificationFree(CreditReport report)
    {
        var free = report.Clone();
        free.NationalId = "";
        free.FullName = "";
        free.Address = null;
        free.PreviousAddresses.Clear();
        free.ModelScores.Clear();
        free.MonthlyUtilization.Clear();
        if (free.IdentityEvidenceCase is CreditReport.IdentityEvidenceOneofCase.PassportNumber or CreditReport.IdentityEvidenceOneofCase.DriversLicenseNumber)
        {
            free.ClearIdentityEvidence();
        }

        free.AnalystNote = "";
        foreach (var account in free.Accounts)
        {
            (account.AccountNumber, account.BalanceMinor, account.CreditLimitMinor) = ("", 0, 0);
        }

        return free;
    }
}
