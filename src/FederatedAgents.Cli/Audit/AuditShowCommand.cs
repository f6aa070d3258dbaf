using System.CommandLine;
using FederatedAgents.Audit.Storage;
using Spectre.Console;

namespace FederatedAgents.Cli.Audit;

/// <summary><c>audit show --store … [filters]</c>: the matching records, readably, with delegation chains and stored partner receipts.</summary>
internal static class AuditShowCommand
{
    public static Command Create(CliContext context)
    {
        var store = AuditSources.StoreOption();
        var filters = new AuditQueryOptions();
        var limit = new Option<int>("--limit") { Description = "Show at most this many records (default 100).", DefaultValueFactory = _ => 100 };
        var after = new Option<long>("--after") { HelpName = "index", Description = "Start after this record index (to page).", DefaultValueFactory = _ => -1 };
        var command = new Command("show", "Show records by txn, subject, partner, method, decision or time, each with its delegation chain.") { store, limit, after };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => AuditVerb.RunAsync(context, async () =>
        {
            var (query, text) = filters.Read(parse);
            if (parse.GetValue(limit) < 1)
            {
                throw new AuditInputException("--limit must be at least 1.");
            }

            await using var log = await AuditSources.OpenAsync(context, parse.GetValue(store)!, cancellationToken);
            return await ShowAsync(context, log, query with { Limit = parse.GetValue(limit), AfterIndex = parse.GetValue(after) }, text, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> ShowAsync(CliContext context, IAuditLogStore log, AuditQuery query, string text, CancellationToken cancellationToken)
    {
        var console = context.PlainOutput ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
        var shown = 0;
        await foreach (var record in log.QueryAsync(query, cancellationToken))
        {
            var view = AuditRecordView.From($"#{record.Index}", record.ToEvent());
            var receipts = await log.Receipts.ForRecordAsync(record.Index, cancellationToken)
                .Select(r => $"receipt from {r.Issuer} stored (check it with audit export / verify-bundle)").ToListAsync(cancellationToken);
            view = view with { Fields = [.. view.Fields, .. receipts.Select(r => ("receipt", r))] };
            if (console is null)
            {
                view.WritePlain(context.Out);
                await context.Out.WriteLineAsync();
            }
            else
            {
                console.Write(view.ToRenderable());
            }

            shown++;
        }

        await context.Out.WriteLineAsync(shown == query.Limit
            ? $"{shown} records ({text}); there may be more: page with --after <last index>."
            : $"{shown} records ({text}).");
        return ExitCodes.Ok;
    }
}
