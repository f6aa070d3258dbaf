using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests;

public sealed class CliApplicationTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_UnknownVerb_ExitsWithUsageErrorOnStderr()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, "frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
        Assert.Contains("--help", run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task RunAsync_GroupWithoutSubcommand_ExitsWithUsageErrorNamingTheGroup()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, "certs");

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("certs --help' for usage.", run.Error.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheVerbsAndSucceeds()
    {
        var run = await CliRun.InvokeAsync(_temp.Path, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("certs", run.Out);
    }
}
