using FederatedAgents.Certificates.Development;
using Spectre.Console;

namespace FederatedAgents.Cli.Certs;

/// <summary>Tells the user what <c>certs dev</c> did to each file: a table on a terminal, plain lines otherwise.</summary>
internal static class DevCertificateReport
{
    public static void Write(CliContext context, DevCertificateSet set)
    {
        if (context.PlainOutput)
        {
            WritePlain(context, set);
        }
        else
        {
            WriteTable(context, set);
        }
    }

    private static void WritePlain(CliContext context, DevCertificateSet set)
    {
        foreach (var file in set.Files)
        {
            var reason = file.Reason is null ? "" : $" ({file.Reason})";
            context.Out.WriteLine($"{Status(file),-9} {context.Display(file.Path)}{reason}");
        }

        context.Out.WriteLine(Summary(context, set));
    }

    private static void WriteTable(CliContext context, DevCertificateSet set)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
        var table = new Table().AddColumns("File", "Status", "Note");
        foreach (var file in set.Files)
        {
            var colour = file.Status == DevCertificateStatus.Kept ? "grey" : "green";
            table.AddRow(
                new Text(context.Display(file.Path)),
                new Markup($"[{colour}]{Status(file)}[/]"),
                new Text(file.Reason ?? ""));
        }

        console.Write(table);
        console.WriteLine(Summary(context, set));
    }

    private static string Status(DevCertificateFile file) => file.Status.ToString().ToLowerInvariant();

    private static string Summary(CliContext context, DevCertificateSet set) =>
        $"CA: {context.Display(set.Authority.CertificatePath)} (partners trust it); the *.key files are private, readable by their owner only.";
}
