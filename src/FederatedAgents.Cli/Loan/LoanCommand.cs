using System.CommandLine;

namespace FederatedAgents.Cli.Loan;

/// <summary><c>loan</c>: drives the sample loan desk of a running organization.</summary>
internal static class LoanCommand
{
    public static Command Create(CliContext context) =>
        new("loan", "Drive the sample loan desk of running organizations (see deploy/local).") { LoanCheckCommand.Create(context) };
}
