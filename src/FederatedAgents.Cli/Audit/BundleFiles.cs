using FederatedAgents.Audit.Evidence;

namespace FederatedAgents.Cli.Audit;

/// <summary>Reads bundle files for verify-bundle and trace, with messages that name the file.</summary>
internal static class BundleFiles
{
    public static async Task<EvidenceBundle> ReadBundleAsync(CliContext context, string file, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file, context.WorkingDirectory);
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Bundle {context.Display(path)} does not exist.");
        }

        try
        {
            return EvidenceBundle.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"{context.Display(path)}: {e.Message}");
        }
    }
}
