namespace FederatedAgents.Cli;

/// <summary>Process exit codes of every verb.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command was valid but did not succeed; the reason is on stderr.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown verb or option, invalid argument).</summary>
    public const int Usage = 2;
}
