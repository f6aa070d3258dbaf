using System.CommandLine;
using FederatedAgents.Audit.Evidence;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// <c>audit verify-bundle file [--trust jwks] [--trust partner=jwks…]</c>: checks an evidence bundle offline — the
/// checkpoint's signature, every record's proof, and partner receipts whose issuers' keys are given.
/// </summary>
internal static class AuditVerifyBundleCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("bundle") { Description = "The bundle file written by audit export." };
        var trust = new Option<string[]>("--trust")
        {
            HelpName = "jwks|org=jwks",
            Description = "Audit keys obtained from the organization itself: a file for the bundle's exporter, org=file for a partner whose receipts it holds. Repeatable.",
        };
        var command = new Command("verify-bundle", "Verify an evidence bundle offline; exit 1 on any problem.") { file, trust };
        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, async () =>
        {
            var bundle = await BundleFiles.ReadBundleAsync(context, parse.GetValue(file)!, cancellationToken);
            var keys = AuditSources.LoadTrust(context, parse.GetValue(trust) ?? [], bundle.Org);
            var verification = EvidenceBundleVerifier.Verify(bundle, keys.GetValueOrDefault(bundle.Org));
            var receipts = await new ReceiptChecker(keys, new Dictionary<string, BundleVerification>(), context.Time)
                .CheckAsync(verification, cancellationToken);
            var report = new EvidenceReport(context);
            report.WriteBundle(verification);
            foreach (var check in receipts)
            {
                report.WriteReceipt(check);
            }

            var ok = verification.IsValid && receipts.All(r => r.Status != ReceiptStatus.Invalid);
            await context.Out.WriteLineAsync(ok ? "OK: the bundle verifies." : "FAILED: the bundle does not verify.");
            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
