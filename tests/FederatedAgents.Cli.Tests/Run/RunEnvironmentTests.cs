namespace FederatedAgents.Cli.Tests.Run;

/// <summary>Changes the process environment, so it runs alone: no other test may build a host meanwhile.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class RunEnvironmentTests
{
    [Fact]
    public async Task Run_EnvironmentOverride_WinsOverTheFile()
    {
        using var organization = await OrganizationFixture.CreateAsync();
        Environment.SetEnvironmentVariable("FA__Authority__AccessTokenLifetime", "02:00:00");
        try
        {
            var run = await CliRun.InvokeAsync(organization.Folder, "run", "--config", organization.Write());

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Authority:AccessTokenLifetime is 02:00:00; use minutes", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FA__Authority__AccessTokenLifetime", null);
        }
    }
}

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
