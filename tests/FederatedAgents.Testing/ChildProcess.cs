using System.Diagnostics;
using System.Text;

namespace FederatedAgents.Testing;

/// <summary>
/// A process a test starts and owns (a peer server, a CLI). Its stdout and stderr lines are
/// captured; it is killed with its whole tree on dispose or when its lifetime runs out. Its stdin
/// stays open, so a script that exits when stdin closes also dies with a crashed test host.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_defaultLifetime = TimeSpan.FromMinutes(10);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Timer _lifetime;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, TimeSpan lifetime)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Exited += (_, _) => Signal();
        _lifetime = new Timer(_ => Kill(), null, lifetime, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Runs a program to completion: arguments passed verbatim, optional standard input, stdout and
    /// stderr captured, and a bounded run time after which the whole process tree is killed and the
    /// test fails with what the program printed.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? TestTimeouts.Default;
        var startInfo = CreateStartInfo(fileName, arguments, workingDirectory);
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

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? lifetime = null)
    {
        var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, workingDirectory), EnableRaisingEvents = true };
        process.Start();
        var child = new ChildProcess(process, lifetime ?? s_defaultLifetime);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first output line matching <paramref name="match"/>; fails with the output so far on exit or timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        var exited = false;
        for (var seen = 0; ; )
        {
            Task changed;
            lock (_lines)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return _lines[seen];
                    }
                }

                changed = _changed.Task;
            }

            if (exited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with code {_process.ExitCode} before printing the expected line. Output:\n{Output}");
            }

            if (_process.HasExited)
            {
                // Let the last output lines arrive, then look at them once more.
                await _process.WaitForExitAsync(deadline.Token);
                exited = true;
                continue;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName} printed no expected line in time. Output:\n{Output}");
            }
        }
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.DisposeAsync();
        Kill();
        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lines)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
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
