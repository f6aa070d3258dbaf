using FederatedAgents.Audit.Verification;
using Spectre.Console;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// Shows how far a verification got: a Spectre progress bar on a terminal; when output is redirected, a plain
/// line on stderr at every further tenth of the log or every 5 seconds, so stdout keeps only the result.
/// </summary>
internal static class VerifyProgress
{
    public static async Task<AuditVerificationResult> RunAsync(
        CliContext context, Func<IProgress<AuditVerificationProgress>, Task<AuditVerificationResult>> verify)
    {
        if (context.PlainOutput)
        {
            return await verify(new PlainLines(context));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
        return await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Verifying records");
            return await verify(new Bar(task));
        });
    }

    private sealed class Bar(ProgressTask task) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalRecords);
            task.Value = value.RecordsChecked;
        }
    }

    private sealed class PlainLines(CliContext context) : IProgress<AuditVerificationProgress>
    {
        private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);
        private long _lastTenth = -1;
        private long _lastLineAt = context.Time.GetTimestamp();

        public void Report(AuditVerificationProgress value)
        {
            var tenth = value.TotalRecords == 0 ? 10 : value.RecordsChecked * 10 / value.TotalRecords;
            if (tenth == _lastTenth && context.Time.GetElapsedTime(_lastLineAt) < s_interval)
            {
                return;
            }

            _lastTenth = tenth;
            _lastLineAt = context.Time.GetTimestamp();
            var percent = value.TotalRecords == 0 ? 100 : value.RecordsChecked * 100 / value.TotalRecords;
            context.Error.WriteLine($"verified {value.RecordsChecked} of {value.TotalRecords} records ({percent}%)");
        }
    }
}
