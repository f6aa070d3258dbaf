namespace FederatedAgents.Cli.Run;

/// <summary>An organization file that cannot be run as it is; each problem names its key and the fix.</summary>
internal sealed class OrganizationFileException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
