using System.CommandLine;
using System.Data.Common;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// <c>run --config &lt;file&gt;</c>: hosts the organization's authority, and its gateway when the file has a
/// <c>Gateway</c> section, until Ctrl+C (or SIGTERM). Prints the
/// URLs it listens on; a configuration that cannot work stops it at once with every key at fault and its fix.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config") { Description = "The organization's configuration file (e.g. deploy/local/bank.json).", HelpName = "file", Required = true };
        var command = new Command("run", "Run an organization's authority (and gateway, when configured) from its configuration file until Ctrl+C.") { config };
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

        WebApplication app;
        try
        {
            app = OrganizationHost.Build(configurationFile);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            await context.Error.WriteLineAsync($"{context.Display(configurationFile)} is not valid JSON: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (GatewayConfigurationException e)
        {
            return await ReportAsync(context, configurationFile, e.Errors);
        }

        await using (app)
        {
            if (await StartAsync(context, app, configurationFile, cancellationToken) is { } failed)
            {
                return failed;
            }

            var settings = app.Services.GetRequiredService<IOptions<AuthorityOptions>>().Value;
            var components = app.Configuration.GetSection(OrganizationHost.GatewaySection).Exists() ? $"Authority {settings.Issuer} and gateway" : $"Authority {settings.Issuer}";
            await context.Out.WriteLineAsync($"{components} listening on {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await context.Out.WriteLineAsync("Stopping.");
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        }
    }

    /// <summary>Null once started; otherwise the exit code, after saying why it could not start.</summary>
    private static async Task<int?> StartAsync(CliContext context, WebApplication app, string configurationFile, CancellationToken cancellationToken)
    {
        IEnumerable<string> problems;
        try
        {
            await app.StartAsync(cancellationToken);
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
        InvalidOperationException binding => [binding.Message],
        IOException listening => [$"cannot listen: {listening.Message}"],
        DbException store => [$"the store is unreachable: {store.Message}"],
        _ => null,
    };
}
