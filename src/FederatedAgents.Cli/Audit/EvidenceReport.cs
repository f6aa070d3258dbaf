using System.Globalization;
using FederatedAgents.Audit.Evidence;
using Spectre.Console;

namespace FederatedAgents.Cli.Audit;

/// <summary>Writes what checking bundles found: problems and invalid receipts loudly (stderr and red), the rest as a readable story.</summary>
internal sealed class EvidenceReport(CliContext context)
{
    private readonly IAnsiConsole? _console = context.PlainOutput
        ? null
        : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });

    public void WriteBundle(BundleVerification verification)
    {
        var bundle = verification.Bundle;
        Line(string.Create(CultureInfo.InvariantCulture, $"Bundle from {bundle.Org} ({bundle.Origin}), exported {bundle.ExportedAt:u}, query {bundle.Query}"));
        Line(verification.Checkpoint is { } checkpoint
            ? $"  checkpoint  verified with {(verification.UsedEmbeddedKeys ? "the bundle's OWN embedded keys only" : "trusted keys")}: "
              + $"{checkpoint.Head.Size} records, root {checkpoint.Head.Root}, {checkpoint.Signatures.Count - 1} cosignatures"
            : "  checkpoint  NOT VERIFIED", verification.Checkpoint is null ? "red" : null);
        Line($"  records     {verification.Records.Count(r => r.Proven)} of {verification.Records.Count} proven against the checkpoint");
        foreach (var warning in verification.Warnings)
        {
            Warn(warning);
        }

        foreach (var problem in verification.Problems)
        {
            Problem(problem);
        }
    }

    public void WriteReceipt(ReceiptCheck check, string indent = "  ")
    {
        var (label, colour) = check.Status switch
        {
            ReceiptStatus.Verified => ("VERIFIED", "green"),
            ReceiptStatus.SignatureVerified => ("SIGNATURE VERIFIED", "yellow"),
            ReceiptStatus.Unchecked => ("UNCHECKED", "yellow"),
            _ => ("INVALID", "red"),
        };
        var text = $"{indent}receipt from {check.Issuer} held by {check.Holder} beside #{check.HolderIndex}: {label} — {check.Message}";
        if (check.Status == ReceiptStatus.Invalid)
        {
            context.Error.WriteLine($"RECEIPT DOES NOT MATCH: {check.Issuer}'s receipt held by {check.Holder} beside #{check.HolderIndex}: {check.Message}");
        }

        Line(text, colour);
    }

    public void WriteTrace(TraceReport report)
    {
        Line($"Transaction {report.Txn} across {string.Join(", ", report.Bundles.Select(b => b.Org))}: {report.Steps.Count} records");
        foreach (var bundle in report.Bundles)
        {
            WriteBundle(bundle);
        }

        foreach (var step in report.Steps)
        {
            var view = AuditRecordView.From($"{step.Org} #{step.Index}{(step.Proven ? "" : " (NOT PROVEN)")}", step.Event);
            if (_console is null)
            {
                context.Out.WriteLine();
                view.WritePlain(context.Out);
            }
            else
            {
                _console.Write(view.ToRenderable());
            }

            foreach (var check in report.Receipts.Where(r => r.Holder == step.Org && r.HolderIndex == step.Index))
            {
                WriteReceipt(check, "  ↳ ");
            }
        }

        context.Out.WriteLine();
        var invalid = report.Receipts.Count(r => r.Status == ReceiptStatus.Invalid);
        Line($"{report.Receipts.Count(r => r.Status == ReceiptStatus.Verified)} receipts verified against the issuer's log, {invalid} invalid, "
            + $"{report.Receipts.Count(r => r.Status is ReceiptStatus.SignatureVerified or ReceiptStatus.Unchecked)} not fully checked.");
    }

    public void Warn(string warning)
    {
        context.Error.WriteLine($"Warning: {warning}");
    }

    private void Problem(string problem)
    {
        context.Error.WriteLine($"PROBLEM: {problem}");
    }

    private void Line(string text, string? colour = null)
    {
        if (_console is null || colour is null)
        {
            context.Out.WriteLine(text);
        }
        else
        {
            _console.MarkupLine($"[{colour}]{Markup.Escape(text)}[/]");
        }
    }
}
