using System.CommandLine;

namespace FederatedAgents.Cli.Token;

/// <summary><c>token</c>: get, exchange and inspect tokens of an organization's authority.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("token", "Get, exchange and inspect delegation tokens.");
        command.Subcommands.Add(TokenGetCommand.Create(context));
        command.Subcommands.Add(TokenExchangeCommand.Create(context));
        command.Subcommands.Add(TokenInspectCommand.Create(context));
        return command;
    }
}
