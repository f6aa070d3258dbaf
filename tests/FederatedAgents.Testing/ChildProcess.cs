using System.Diagnostics;
using System.Text;

namespace FederatedAgents.Testing;

/// <summary>
/// Runs an external program (a node, python or grpc peer) to completion: arguments passed
/// verbatim, optional standard input, stdout and stderr captured, and a bounded run time after
/// which the whole process tree is killed and the test fails with what the program printed.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? TestTimeouts.Default;
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"'{Describe(fileName, startInfo.ArgumentList)}' did not exit within {limit.TotalSeconds:0} s and was killed.\n" +
                $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ChildProcessResult(process.ExitCode, await stdout, await stderr, stopwatch.Elapsed, Describe(fileName, startInfo.ArgumentList));
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', [fileName, .. arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a)]);
}

/// <summary>What a finished child process printed and how it exited.</summary>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, string CommandLine)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or fails the test with the command line, exit code and both streams.</summary>
    public ChildProcessResult EnsureSuccess()
    {
        Assert.True(Succeeded, ToString());
        return this;
    }

    public override string ToString() =>
        $"'{CommandLine}' exited with {ExitCode} after {Elapsed.TotalMilliseconds:0} ms\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
