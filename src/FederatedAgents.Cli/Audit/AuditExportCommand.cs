using System.CommandLine;
using FederatedAgents.Audit.Evidence;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// <c>audit export --store … --keys jwks --out file [filters]</c>: an evidence bundle of the matching records, proven
/// against the latest signed checkpoint, with partner receipts and the organization's audit keys.
/// </summary>
internal static class AuditExportCommand
{
    public static Command Create(CliContext context)
    {
        var store = AuditSources.StoreOption();
        var keys = AuditSources.KeysOption("embedded in the bundle and used to check the checkpoint before exporting");
        keys.Required = true;
        var output = new Option<string>("--out") { Required = true, HelpName = "file", Description = "Where to write the bundle (JSON)." };
        var filters = new AuditQueryOptions();
        var command = new Command("export", "Write an evidence bundle (records, proofs, checkpoint, receipts, keys) that others verify offline.") { store, keys, output };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, async () =>
        {
            var (query, text) = filters.Read(parse);
            var publicKeys = AuditSources.LoadKeys(context, parse.GetValue(keys)!);
            await using var log = await AuditSources.OpenAsync(context, parse.GetValue(store)!, cancellationToken);
            var export = await EvidenceBundleExporter.ExportAsync(log, publicKeys, query, text, context.Time, cancellationToken);
            var path = Path.GetFullPath(parse.GetValue(output)!, context.WorkingDirectory);
            await File.WriteAllTextAsync(path, export.Bundle.ToJson(), cancellationToken);
            var bundle = export.Bundle;
            await context.Out.WriteLineAsync(
                $"Wrote {context.Display(path)}: {bundle.Records.Count} records of {bundle.Org} ({text}) and {bundle.Receipts.Count} partner receipts, "
                + $"proven against the checkpoint of {bundle.ParseCheckpoint().Head.Size} records.");
            if (export.NotCovered > 0)
            {
                await context.Error.WriteLineAsync(
                    $"Warning: {export.NotCovered} matching records are newer than the latest checkpoint and were left out; export again after the next checkpoint.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
