using System.Diagnostics;

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

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>
    /// Runs a program to completion. Past the timeout its whole tree is killed and the test fails
    /// with what it printed so far.
    /// </summary>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = CreateStartInfo(fileName, arguments, workingDirectory);
        info.RedirectStandardInput = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TestTimeouts.Default;
        using var expiry = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{fileName} did not exit within {limit} and was killed.\nstdout:\n{await output}\nstderr:\n{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
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
}
