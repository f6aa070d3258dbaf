using System.CommandLine;

namespace FederatedAgents.Cli.Certs;

/// <summary><c>certs</c>: certificates for mutual TLS between organizations' gateways.</summary>
internal static class CertsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("certs", "Create the certificates gateways use for mutual TLS.");
        command.Subcommands.Add(CertsDevCommand.Create(context));
        return command;
    }
}
