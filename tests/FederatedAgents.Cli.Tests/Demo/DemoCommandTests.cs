using System.Text.RegularExpressions;
using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests.Demo;

/// <summary>
/// The demo end to end, in a fresh folder (no certificates yet): both organizations start on loopback TLS, the story
/// runs, and the exit code agrees with the outcomes it reports.
/// </summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task Demo_FreshFolder_TellsTheCrossOrganizationStoryAndExitsByItsOutcomes()
    {
        using var folder = new TemporaryFolder();

        var run = await CliRun.InvokeAsync(folder.Path, "demo", "--work", "work");

        Assert.True(File.Exists(folder.Combine("certs-dev", "ca.crt")), run.Error);
        Assert.True(Directory.Exists(folder.Combine("work", "bank", "data")), run.Error);
        Assert.Contains("alice@bank → loan-agent@bank → gateway@bank → credit-agent@bureau", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     the loan check is approved on bureau's derived assessment", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     a loan check whose chain lacks credit.read is refused with PERMISSION_DENIED (7)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]     the replayed grant is refused with invalid_grant", run.Out, StringComparison.Ordinal);
        var failed = FailedLine().Matches(run.Out).Count;
        Assert.Equal(failed == 0 ? 0 : 1, run.ExitCode);
        Assert.Equal(failed == 0 ? "" : $"{failed} of 7 expected outcomes did not happen:", run.Error.Split(Environment.NewLine)[0]);
    }

    [GeneratedRegex(@"^\s+\[FAILED\]", RegexOptions.Multiline)]
    private static partial Regex FailedLine();
}
