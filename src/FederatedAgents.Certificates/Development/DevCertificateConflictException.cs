namespace FederatedAgents.Certificates.Development;

/// <summary>
/// Existing files cannot be kept and overwriting was not allowed. Nothing was changed;
/// <see cref="Problems"/> names each file and what is wrong with it.
/// </summary>
public sealed class DevCertificateConflictException : Exception
{
    public DevCertificateConflictException(string folder, IReadOnlyList<string> problems)
        : base($"Refusing to overwrite the development certificates in {folder}; nothing was changed:" +
            string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}")))
    {
        Folder = folder;
        Problems = problems;
    }

    public string Folder { get; }

    public IReadOnlyList<string> Problems { get; }
}
