using System.CommandLine;

namespace FederatedAgents.Cli.Audit;

/// <summary><c>audit</c>: verbs for auditors — verify a log, read it, prove records, and exchange evidence offline.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "Verify, query and prove the tamper-evident audit log; export and check evidence bundles.");
        command.Subcommands.Add(AuditVerifyCommand.Create(context));
        command.Subcommands.Add(AuditShowCommand.Create(context));
        command.Subcommands.Add(AuditProveCommand.Create(context));
        command.Subcommands.Add(AuditExportCommand.Create(context));
        command.Subcommands.Add(AuditVerifyBundleCommand.Create(context));
        command.Subcommands.Add(AuditTraceCommand.Create(context));
        return command;
    }
}
