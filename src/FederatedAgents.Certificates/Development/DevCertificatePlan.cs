using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Certificates.Trust;

namespace FederatedAgents.Certificates.Development;

/// <summary>
/// Decides, before anything is written, what happens to each certificate + key pair of a set:
/// keep, create, reissue (expiring) or replace (overwrite asked). Anything else is a conflict.
/// </summary>
internal sealed class DevCertificatePlan : IDisposable
{
    private readonly Step _authority;
    private readonly List<Step> _leaves;

    private DevCertificatePlan(Step authority, List<Step> leaves)
    {
        _authority = authority;
        _leaves = leaves;
    }

    private sealed record Step(
        CertificateFilePair Files, LeafProfile? Profile, DevCertificateStatus Status, string? Reason, X509Certificate2? Existing);

    /// <exception cref="DevCertificateConflictException">Existing files cannot be kept and <paramref name="overwrite"/> is false.</exception>
    public static DevCertificatePlan Create(DevCertificateSet set, bool overwrite, DateTimeOffset now)
    {
        var leaves = set.Organizations
            .SelectMany(org => new[]
            {
                (Files: org.Server, Profile: LeafProfile.Server(org.Name)),
                (Files: org.Client, Profile: LeafProfile.Client(org.Name)),
            })
            .ToList();
        if (overwrite)
        {
            return new DevCertificatePlan(Fresh(set.Authority, null), leaves.Select(l => Fresh(l.Files, l.Profile)).ToList());
        }

        var problems = new List<string>();
        var stored = StoredCertificate.InspectAuthority(set.Authority, now);
        var authority = stored.State switch
        {
            StoredState.Missing => Fresh(set.Authority, null),
            StoredState.Usable => new Step(set.Authority, null, DevCertificateStatus.Kept, null, stored.Certificate),
            _ => null,
        };
        if (authority is null)
        {
            stored.Certificate?.Dispose();
            problems.Add($"{Relative(set, set.Authority.CertificatePath)}: {stored.Problem}; a new CA is needed and partners must then trust it");
            throw new DevCertificateConflictException(set.Folder, problems);
        }

        var trust = authority.Existing is null ? null : new CertificateTrust(authority.Existing);
        var steps = new List<Step>();
        foreach (var (files, profile) in leaves)
        {
            var step = trust is null
                ? ForNewAuthority(set, files, profile, problems)
                : ForKeptAuthority(set, files, profile, trust, now, problems);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        var plan = new DevCertificatePlan(authority, steps);
        if (problems.Count > 0)
        {
            plan.Dispose();
            throw new DevCertificateConflictException(set.Folder, problems);
        }

        return plan;
    }

    /// <summary>Writes what the plan decided and reports every file of the set.</summary>
    public async Task<IReadOnlyList<DevCertificateFile>> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var authority = _authority.Status == DevCertificateStatus.Kept
            ? _authority.Existing!
            : await WriteAsync(_authority.Files, DevIssuer.CreateAuthority(now), cancellationToken);
        try
        {
            foreach (var step in _leaves.Where(s => s.Status != DevCertificateStatus.Kept))
            {
                using var leaf = await WriteAsync(step.Files, DevIssuer.IssueLeaf(authority, step.Profile!, now), cancellationToken);
            }
        }
        finally
        {
            if (_authority.Status != DevCertificateStatus.Kept)
            {
                authority.Dispose();
            }
        }

        return [.. new[] { _authority }.Concat(_leaves)
            .SelectMany(step => step.Files.Paths.Select(path => new DevCertificateFile(path, step.Status, step.Reason)))];
    }

    public void Dispose()
    {
        _authority.Existing?.Dispose();
        _leaves.ForEach(step => step.Existing?.Dispose());
    }

    private static Step Fresh(CertificateFilePair files, LeafProfile? profile) => files.AnyExists
        ? new Step(files, profile, DevCertificateStatus.Replaced, "overwrite requested", null)
        : new Step(files, profile, DevCertificateStatus.Created, null, null);

    private static Step? ForNewAuthority(DevCertificateSet set, CertificateFilePair files, LeafProfile profile, List<string> problems)
    {
        if (!files.AnyExists)
        {
            return Fresh(files, profile);
        }

        problems.Add($"{Relative(set, files.CertificatePath)}: exists, but the CA that issued it is gone (ca.crt/ca.key are missing)");
        return null;
    }

    private static Step? ForKeptAuthority(
        DevCertificateSet set, CertificateFilePair files, LeafProfile profile, CertificateTrust trust, DateTimeOffset now, List<string> problems)
    {
        var stored = StoredCertificate.InspectLeaf(files, trust, profile, now);
        switch (stored.State)
        {
            case StoredState.Missing:
                return Fresh(files, profile);
            case StoredState.Usable:
                return new Step(files, profile, DevCertificateStatus.Kept, null, stored.Certificate);
            case StoredState.Expiring:
                return new Step(files, profile, DevCertificateStatus.Reissued, stored.Problem, stored.Certificate);
            default:
                problems.Add($"{Relative(set, files.CertificatePath)}: {stored.Problem}");
                return null;
        }
    }

    private static async Task<X509Certificate2> WriteAsync(
        CertificateFilePair files, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(files.CertificatePath)!);
        using var key = certificate.GetECDsaPrivateKey()!;
        await PemFileWriter.WriteAsync(files.KeyPath, key.ExportPkcs8PrivateKeyPem(), isPrivateKey: true, cancellationToken);
        await PemFileWriter.WriteAsync(files.CertificatePath, certificate.ExportCertificatePem(), isPrivateKey: false, cancellationToken);
        return certificate;
    }

    private static string Relative(DevCertificateSet set, string path) => Path.GetRelativePath(set.Folder, path);
}
