using System.CommandLine;
using FederatedAgents.Certificates.Development;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// <c>demo [--work folder]</c>: creates the development certificates if missing, starts bank and bureau in this process
/// (authorities, gateways, sample agents, stores in a new working folder it names), tells the cross-organization story
/// and the refusals, stops both and shows what their audit logs hold, verified, and exits 0 only when every expected outcome happened (else 1, naming those that did not).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var work = new Option<string>("--work") { Description = "Folder for the organizations' stores and keys (default: a new folder under .fa-work).", HelpName = "folder" };
        var command = new Command("demo", "Run two organizations (bank, bureau) locally and show a delegated cross-organization call, audited, and the calls they refuse.") { work };
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult.GetValue(work), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? work, CancellationToken cancellationToken)
    {
        var folder = context.FullPath(work ?? Path.Combine(".fa-work", $"demo-{context.Time.GetUtcNow():yyyyMMdd-HHmmss}"));
        var certificates = await DevCertificates.EnsureAsync(DevCertificates.DefaultFolder(context.WorkingDirectory), DemoSetup.Organizations, timeProvider: context.Time, cancellationToken: cancellationToken);
        await context.Out.WriteLineAsync($"Development certificates: {context.Display(certificates.Authority.CertificatePath)}; working folder: {context.Display(folder)}");
        var network = await DemoNetwork.StartAsync(folder, certificates, line => context.Out.WriteLine($"  . {line}"), cancellationToken);
        var report = new DemoReport(context.Out, new Dictionary<string, string> { [network.Bank.Issuer] = "bank", [network.Bureau.Issuer] = "bureau" });
        await using (network)
        {
            using var clients = new DemoClients(network, context.Time);
            await new DemoScenario(clients, report, cancellationToken).RunAsync();
        }

        await new DemoAudit(network, report, context.Time, cancellationToken).RunAsync();
        var outcomes = report.Outcomes;
        var missed = outcomes.Where(o => !o.Happened).ToList();
        await context.Out.WriteLineAsync();
        if (missed.Count == 0)
        {
            await context.Out.WriteLineAsync($"All {outcomes.Count} expected outcomes happened.");
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync($"{missed.Count} of {outcomes.Count} expected outcomes did not happen:");
        foreach (var outcome in missed)
        {
            await context.Error.WriteLineAsync($"  {outcome.Expectation} (saw: {outcome.Seen})");
        }

        return ExitCodes.Failure;
    }
}
