using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Certs;

public sealed class CertsDevCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CertsDev_NoOrganizations_CreatesBankAndBureauUnderTheWorkingDirectory()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        var lines = Lines(run.Out);
        Assert.Equal("created   certs-dev/ca.crt", lines[0]);
        Assert.Contains("created   certs-dev/bank/server.key", lines);
        Assert.Contains("created   certs-dev/bureau/client.crt", lines);
        Assert.StartsWith("CA: certs-dev/ca.crt", lines[^1]);
        Assert.True(File.Exists(_temp.Combine("certs-dev", "bureau", "client.key")));
    }

    [Fact]
    public async Task CertsDev_SecondRun_ReportsEveryFileKept()
    {
        await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank");

        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank");

        Assert.Equal(0, run.ExitCode);
        var fileLines = Lines(run.Out)[..^1];
        Assert.Equal(6, fileLines.Length);
        Assert.All(fileLines, line => Assert.StartsWith("kept ", line));
    }

    [Fact]
    public async Task CertsDev_OutOption_IsRelativeToTheWorkingDirectory()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "insurer", "--out", "deploy/certs");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(_temp.Combine("deploy", "certs", "insurer", "server.crt")));
        Assert.False(Directory.Exists(_temp.Combine("certs-dev")));
    }

    [Theory]
    [InlineData("Bank", "'Bank' is not a valid organization name")]
    [InlineData("bank_1", "'bank_1' is not a valid organization name")]
    [InlineData("bank bank", "The organization 'bank' is given more than once.")]
    public async Task CertsDev_InvalidOrganizations_ExitWithUsageErrorAndWriteNothing(string organizations, string message)
    {
        var run = await CliRun.InvokeAsync(_temp.Path, ["certs", "dev", .. organizations.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Contains("certs dev --help", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("certs-dev")));
    }

    [Fact]
    public async Task CertsDev_ExistingCaOfAnotherKind_RefusesWithFailureAndNamesForce()
    {
        await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank");
        var foreign = await DevCertificates.EnsureAsync(_temp.Combine("foreign"), [], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        var caPath = _temp.Combine("certs-dev", "ca.crt");
        File.Copy(foreign.Authority.CertificatePath, caPath, overwrite: true);
        var before = File.ReadAllBytes(caPath);

        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Refusing to overwrite", run.Error);
        Assert.Contains("--force", run.Error);
        Assert.Empty(run.Out);
        Assert.Equal(before, File.ReadAllBytes(caPath));
    }

    [Fact]
    public async Task CertsDev_Force_ReplacesEveryFile()
    {
        await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank");
        var caPath = _temp.Combine("certs-dev", "ca.crt");
        var before = File.ReadAllBytes(caPath);

        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "bank", "--force");

        Assert.Equal(0, run.ExitCode);
        Assert.All(Lines(run.Out)[..^1], line => Assert.StartsWith("replaced ", line));
        Assert.NotEqual(before, File.ReadAllBytes(caPath));
    }

    [Fact]
    public async Task CertsDev_FolderCannotBeCreated_ExitsWithFailureNamingIt()
    {
        File.WriteAllText(_temp.Combine("blocker"), "a file, not a folder");

        var run = await CliRun.InvokeAsync(_temp.Path, "certs", "dev", "--out", "blocker/certs");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Could not write the development certificates in blocker/certs: ", run.Error);
    }

    [Fact]
    public async Task CertsDev_OnATerminal_PrintsATable()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, plainOutput: false, "certs", "dev", "bank");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("│ File", run.Out);
        Assert.Contains("certs-dev/bank/client.key", run.Out);
        Assert.Contains("created", run.Out);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
