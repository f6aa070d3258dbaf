using System.CommandLine;
using FederatedAgents.Cli.Audit;
using FederatedAgents.Cli.Certs;
using FederatedAgents.Cli.Demo;
using FederatedAgents.Cli.Loan;
using FederatedAgents.Cli.Run;
using FederatedAgents.Cli.Token;

namespace FederatedAgents.Cli;

/// <summary>The command tree (one subcommand per feature folder) and how a command line is run.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "FederatedAgents: organizations' AI agents calling each other under OAuth-scoped, audited delegation chains.");
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(CertsCommand.Create(context));
        root.Subcommands.Add(TokenCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(LoanCommand.Create(context));
        return root;
    }

    /// <summary>
    /// Runs one command line; usage errors exit with <see cref="ExitCodes.Usage"/> and say what to fix.
    /// Ctrl+C or SIGTERM, like <paramref name="cancellationToken"/>, asks a long-running verb (<c>run</c>) to stop.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default)
    {
        // "@file" names a token file (token verbs), not a response file of arguments.
        var parseResult = CreateRootCommand(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync($"See '{CommandPath(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
