using System.CommandLine;
using FederatedAgents.Audit.Evidence;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// <c>audit trace --txn X bundle… [--trust org=jwks…]</c>: joins several organizations' bundles into one story of the
/// transaction and checks every receipt against the issuing organization's own log; a mismatch exits 1, loudly.
/// </summary>
internal static class AuditTraceCommand
{
    public static Command Create(CliContext context)
    {
        var txn = new Option<string>("--txn") { Required = true, Description = "The workflow / transaction id to follow." };
        var files = new Argument<string[]>("bundles") { Arity = ArgumentArity.OneOrMore, Description = "Bundles from audit export, one per organization." };
        var trust = new Option<string[]>("--trust")
        {
            HelpName = "org=jwks",
            Description = "An organization's audit keys, obtained from it (not from its bundle). Repeatable.",
        };
        var command = new Command("trace", "Join organizations' bundles into one cross-org story of a transaction and verify every receipt.") { txn, files, trust };
        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, async () =>
        {
            var bundles = new List<EvidenceBundle>();
            foreach (var file in parse.GetValue(files)!)
            {
                bundles.Add(await BundleFiles.ReadBundleAsync(context, file, cancellationToken));
            }

            var keys = AuditSources.LoadTrust(context, parse.GetValue(trust) ?? [], bareFileOrg: null);
            var report = await CrossOrgTrace.BuildAsync(parse.GetValue(txn)!, bundles, keys, context.Time, cancellationToken);
            new EvidenceReport(context).WriteTrace(report);
            if (report.Steps.Count == 0)
            {
                await context.Error.WriteLineAsync($"No bundle holds a record of txn '{report.Txn}'.");
                return ExitCodes.Failure;
            }

            await context.Out.WriteLineAsync(report.IsConsistent
                ? "OK: every record is proven in its organization's log and no receipt contradicts the other side."
                : "FAILED: the organizations' evidence does not agree (see above).");
            return report.IsConsistent ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
