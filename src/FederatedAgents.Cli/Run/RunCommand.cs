using System.CommandLine;
using System.Data.Common;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// <c>run --config &lt;file&gt;</c>: hosts what the file configures — the organization's authority (<c>Authority</c>),
/// its gateway (<c>Gateway</c>), sample agents (<c>Agents:Samples</c>) — until Ctrl+C (or SIGTERM). Prints the
/// URLs it listens on; a configuration that cannot work stops it at once with every key at fault and its fix.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config") { Description = "The organization's configuration file (e.g. deploy/local/bank.json).", HelpName = "file", Required = true };
        var command = new Command("run", "Run what an organization file configures (authority, gateway, sample agents) until Ctrl+C.") { config };
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, context.FullPath(parseResult.GetValue(config)!), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string configurationFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(configurationFile))
        {
            await context.Error.WriteLineAsync($"The configuration file {context.Display(configurationFile)} does not exist; see deploy/local/bank.json for an example.");
            return ExitCodes.Failure;
        }

        OrganizationProcess process;
        try
        {
            process = await OrganizationHost.BuildAsync(configurationFile);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            await context.Error.WriteLineAsync($"{context.Display(configurationFile)} is not valid JSON: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Problems(e) is { } problems)
        {
            return await ReportAsync(context, configurationFile, problems);
        }

        await using (process)
        {
            if (await StartAsync(context, process, configurationFile, cancellationToken) is { } failed)
            {
                return failed;
            }

            await context.Out.WriteLineAsync($"{process.Describe()}. Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await context.Out.WriteLineAsync("Stopping.");
            }

            await process.StopAsync();
            return ExitCodes.Ok;
        }
    }

    /// <summary>Null once started; otherwise the exit code, after saying why it could not start.</summary>
    private static async Task<int?> StartAsync(CliContext context, OrganizationProcess process, string configurationFile, CancellationToken cancellationToken)
    {
        IEnumerable<string> problems;
        try
        {
            await process.StartAsync(cancellationToken);
            return null;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (Problems(e) is { } found)
        {
            problems = found;
        }

        return await ReportAsync(context, configurationFile, problems);
    }

    private static async Task<int> ReportAsync(CliContext context, string configurationFile, IEnumerable<string> problems)
    {
        await context.Error.WriteLineAsync($"{context.Display(configurationFile)} cannot start:");
        foreach (var problem in problems)
        {
            await context.Error.WriteLineAsync($"  {problem}");
        }

        return ExitCodes.Failure;
    }

    /// <summary>The problems a startup failure reports, one per line; null for failures that are bugs, not configuration.</summary>
    private static IEnumerable<string>? Problems(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(e => Problems(e) ?? [e.Message]),
        OptionsValidationException validation => validation.Failures,
        AuthorityConfigurationException configuration => configuration.Problems,
        GatewayConfigurationException gateway => gateway.Errors,
        OrganizationFileException file => file.Problems,
        InvalidOperationException binding => [binding.Message],
        IOException listening => [$"cannot listen: {listening.Message}"],
        DbException store => [$"the store is unreachable: {store.Message}"],
        _ => null,
    };
}
