using FederatedAgents.Testing;

namespace FederatedAgents.Cli.Tests;

/// <summary>Runs the CLI in-process in a given working directory and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(string workingDirectory, params string[] args) =>
        await InvokeAsync(workingDirectory, plainOutput: true, args);

    public static async Task<CliRun> InvokeAsync(string workingDirectory, bool plainOutput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, plainOutput, workingDirectory, TimeProvider.System);
        var exitCode = await CliApplication.RunAsync(args, context).Bounded();
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <paramref name="input"/> as standard input.</summary>
    public static async Task<CliRun> InvokeWithInputAsync(string workingDirectory, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, PlainOutput: true, workingDirectory, TimeProvider.System, new StringReader(input));
        var exitCode = await CliApplication.RunAsync(args, context).Bounded();
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
