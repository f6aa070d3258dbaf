using System.Data.Common;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Cli.Audit;

/// <summary>Runs an audit verb: expected failures (bad input, unreachable or damaged store) become a message on stderr and exit 1.</summary>
internal static class AuditVerb
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (Exception e) when (e is AuditInputException or AuditLogDamagedException or FormatException or IOException
            or UnauthorizedAccessException or DbException or InvalidOperationException or ArgumentException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failure;
        }
    }
}
