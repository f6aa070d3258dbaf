using System.Text.Json.Nodes;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Run;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_BrokenConfiguration_Exit1ListingEveryKeyAndFix()
    {
        using var organization = await OrganizationFixture.CreateAsync();
        var authority = organization.Configuration["Authority"]!.AsObject();
        authority.Remove("Issuer");
        authority["MaxDelegationDepth"] = 0;

        var run = await CliRun.InvokeAsync(organization.Folder, "run", "--config", organization.Write());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bank.json cannot start:", run.Error, StringComparison.Ordinal);
        Assert.Contains("  Authority:Issuer is missing; set it to the https URL", run.Error, StringComparison.Ordinal);
        Assert.Contains("  Authority:MaxDelegationDepth is 0; allow between 1 and 16", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"Organization\": { \"Name\": \"bank\" } }", "The file configures nothing to run; add an \"Authority\" section (the authority), a \"Gateway\" section (the gateway) and/or \"Agents:Samples\"")]
    [InlineData("{ \"Agents\": { \"Samples\": { \"Loan\": { \"Url\": \"http://127.0.0.1:1\" } } } }", "  Agents:Samples:Loan:GatewayAddress: is missing; give the organization gateway's local listener")]
    [InlineData("{ \"Agents\": { \"Samples\": { \"Credit\": { \"Url\": \"https://agents.bank:7546\" } } } }", "  Agents:Samples:Credit:Url: 'https://agents.bank:7546/' cannot be listened on; use http:// (h2c)")]
    public async Task Run_NothingOrBrokenSampleAgentsConfigured_Exit1NamingTheKeys(string json, string message)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("org.json"), json);

        var run = await CliRun.InvokeAsync(folder.Path, "run", "--config", "org.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("org.json cannot start:", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json", "does not exist")]
    [InlineData("broken.json", "is not valid JSON")]
    public async Task Run_UnreadableFile_Exit1SayingWhy(string file, string message)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "broken.json"), "{ \"Authority\": ");

        var run = await CliRun.InvokeAsync(folder.Path, "run", "--config", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ValidConfiguration_PrintsTheIssuerAndListenAddressAndStopsCleanly()
    {
        using var organization = await OrganizationFixture.CreateAsync();
        organization.Configuration["Storage"] = new JsonObject { ["Provider"] = "sqlite" };
        await using var run = RunningCli.Start(organization.Folder, "run", "--config", organization.Write());

        await run.WaitForOutputAsync("listening on");

        Assert.Contains($"Authority {organization.Issuer} listening on {organization.Issuer}", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, await run.StopAsync());
        Assert.True(File.Exists(Path.Combine(organization.Folder, "data", "store.db")));
    }
}
