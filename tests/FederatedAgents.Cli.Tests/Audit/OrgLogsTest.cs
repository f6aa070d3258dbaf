namespace FederatedAgents.Cli.Tests.Audit;

/// <summary>CLI tests over fresh <see cref="OrgLogs"/> per test, deleted afterwards.</summary>
public abstract class OrgLogsTest : IAsyncLifetime
{
    private OrgLogs? _logs;

    internal OrgLogs Logs => _logs ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async ValueTask InitializeAsync() => _logs = await OrgLogs.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _logs?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Swaps in logs built differently (e.g. with a forged receipt); the previous ones are deleted.</summary>
    internal void Use(OrgLogs logs)
    {
        _logs?.Dispose();
        _logs = logs;
    }
}
