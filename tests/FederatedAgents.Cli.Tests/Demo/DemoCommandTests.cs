using System.Text;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Audit.Keys;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Tests.Demo;

/// <summary>
/// The demo end to end, in a fresh folder (no certificates yet): both organizations start on loopback TLS with their
/// secured gateways, the story runs, every expected outcome happens, and nothing bank received or stored holds a
/// classified value of bureau's raw credit report.
/// </summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_FreshFolder_EveryOutcomeHappensAndBankNeverHoldsTheRawReport()
    {
        using var folder = new TemporaryFolder();

        var run = await CliRun.InvokeAsync(folder.Path, "demo", "--work", "work");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("", run.Error);
        Assert.True(File.Exists(folder.Combine("certs-dev", "ca.crt")));
        Assert.Contains("alice@bank → loan-agent@bank → gateway@bank → credit-agent@bureau", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     the loan check is approved on bureau's derived assessment", run.Out, StringComparison.Ordinal);
        Assert.Contains("removed by bureau's egress filter: model_version, report.national_id, report.full_name", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     bureau's signed receipt was verified at bank, stored beside bank's own record", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     a token bound to bank's certificate is refused from ratings' connection with UNAUTHENTICATED (16)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     both audit logs verify", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[FAILED]", run.Out, StringComparison.Ordinal);
        Assert.Contains("All 10 expected outcomes happened.", run.Out, StringComparison.Ordinal);

        var bankFiles = Directory.GetFiles(folder.Combine("work", "bank"), "*", SearchOption.AllDirectories);
        var bankAudit = await File.ReadAllBytesAsync(folder.Combine("work", "bank", "data", "audit.db"), TestContext.Current.CancellationToken);
        Assert.True(Contains(bankAudit, "credit.read"), "bank's audit log stores its text as UTF-8, so a leaked value would be found");
        foreach (var value in await ClassifiedValuesAsync())
        {
            Assert.DoesNotContain(value, run.Out, StringComparison.Ordinal);
            foreach (var file in bankFiles)
            {
                Assert.False(Contains(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), value), $"'{value}' of bureau's raw report is in {file}");
            }
        }
    }

    [Fact]
    public async Task Demo_AnOutcomeMissing_ExitsOneNamingIt()
    {
        using var folder = new TemporaryFolder();
        var bureauData = folder.Combine("work", "bureau", "data");
        AuditKeys.LoadOrCreateDevelopmentKey(bureauData).Dispose();
        using var another = SigningKey.Generate();
        // Bureau publishes keys that are not its audit key's: bank must reject bureau's receipts.
        await File.WriteAllTextAsync(Path.Combine(bureauData, AuditKeys.PublicKeysFileName), new JsonWebKeySet([another.PublicKey]).ToJson(), TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(folder.Path, "demo", "--work", "work");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("expected outcomes did not happen:", run.Error, StringComparison.Ordinal);
        Assert.Contains("the loan check is approved on bureau's derived assessment (saw:", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The classified text values of the raw report bureau's credit agent holds for the demo's applicant.</summary>
    private static async Task<List<string>> ClassifiedValuesAsync()
    {
        var raw = (await new CreditAgent(TimeProvider.System).Assess(new AssessRequest { ConsumerReference = "C-4821", ConsentId = "consent-1001" }, null!).Bounded()).Report;
        List<string> values = [raw.FullName, raw.NationalId, raw.PassportNumber, raw.Address.Line1, raw.AnalystNote, .. raw.Accounts.Select(a => a.AccountNumber)];
        Assert.All(values, value => Assert.NotEmpty(value));
        return values;
    }

    private static bool Contains(byte[] bytes, string value) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
