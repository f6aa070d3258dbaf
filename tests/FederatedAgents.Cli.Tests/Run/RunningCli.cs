using System.Text;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>A long-running verb (<c>run</c>) started in-process: its output so far, and a stop like Ctrl+C.</summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TextWriter _outWriter;
    private readonly TextWriter _errorWriter;
    private readonly CancellationTokenSource _stop = new();

    private RunningCli(string workingDirectory, string[] args)
    {
        _outWriter = TextWriter.Synchronized(new StringWriter(_out));
        _errorWriter = TextWriter.Synchronized(new StringWriter(_error));
        var context = new CliContext(_outWriter, _errorWriter, PlainOutput: true, workingDirectory, TimeProvider.System);
        Exit = Task.Run(() => CliApplication.RunAsync(args, context, _stop.Token));
    }

    /// <summary>The exit code, once the verb has returned.</summary>
    public Task<int> Exit { get; }

    public string Out => Read(_outWriter, _out);

    public string Error => Read(_errorWriter, _error);

    public static RunningCli Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Waits until stdout holds <paramref name="text"/> or the verb has returned (bounded by the test timeout).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        using var deadline = new CancellationTokenSource(FederatedAgents.Testing.TestTimeouts.Default);
        while (!Out.Contains(text, StringComparison.Ordinal) && !Exit.IsCompleted)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Asks the verb to stop, as Ctrl+C does, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Exit.WaitAsync(FederatedAgents.Testing.TestTimeouts.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exit.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private static string Read(TextWriter writer, StringBuilder text)
    {
        lock (writer)
        {
            return text.ToString();
        }
    }
}
