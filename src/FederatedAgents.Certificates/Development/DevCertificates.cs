namespace FederatedAgents.Certificates.Development;

/// <summary>
/// Creates, keeps and renews development certificates: one CA (ECDSA P-256, 5 years) and per
/// organization a server and a client certificate (1 year), as PEM files. Safe to call on every
/// start: valid files are kept byte-for-byte, leaves within 30 days of expiry are reissued, and
/// files that cannot be kept are never overwritten unless asked.
/// </summary>
public static class DevCertificates
{
    /// <summary>The conventional folder name, at the repository root.</summary>
    public const string FolderName = "certs-dev";

    /// <summary>
    /// Ensures <paramref name="folder"/> holds a CA and, for each organization, valid server and client
    /// certificates issued by it. Concurrent callers (also in other processes) are serialized.
    /// </summary>
    /// <param name="overwrite">Regenerate the CA and every named organization's files, whatever exists.</param>
    /// <returns>Absolute paths of the set, and what was done to each file.</returns>
    /// <exception cref="ArgumentException">An organization name is not a lowercase DNS label, or is repeated.</exception>
    /// <exception cref="DevCertificateConflictException">Existing files cannot be kept and overwriting was not allowed; nothing was changed.</exception>
    public static async Task<DevCertificateSet> EnsureAsync(
        string folder,
        IEnumerable<string> organizations,
        bool overwrite = false,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var set = DevCertificateSet.Describe(Path.GetFullPath(folder), OrganizationName.RequireValid(organizations));
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();

        using var folderLock = await DevFolderLock.AcquireAsync(set.Folder, cancellationToken);
        using var plan = DevCertificatePlan.Create(set, overwrite, now);
        return set with { Files = await plan.ApplyAsync(now, cancellationToken) };
    }

    /// <summary>
    /// <c>certs-dev</c> at the root of the FederatedAgents repository containing <paramref name="workingDirectory"/>
    /// (the folder holding <c>FederatedAgents.sln</c>), or under <paramref name="workingDirectory"/> outside one.
    /// </summary>
    public static string DefaultFolder(string workingDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(workingDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederatedAgents.sln")))
            {
                return Path.Combine(dir.FullName, FolderName);
            }
        }

        return Path.Combine(Path.GetFullPath(workingDirectory), FolderName);
    }
}
