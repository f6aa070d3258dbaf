using FederatedAgents.Certificates.Pem;

namespace FederatedAgents.Certificates.Development;

/// <summary>
/// A development certificate folder: <c>ca.crt</c>/<c>ca.key</c> at the top and, per organization,
/// <c>&lt;org&gt;/server.crt|server.key|client.crt|client.key</c>. All paths are absolute.
/// </summary>
public sealed record DevCertificateSet(
    string Folder,
    CertificateFilePair Authority,
    IReadOnlyList<DevOrganizationCertificates> Organizations,
    IReadOnlyList<DevCertificateFile> Files)
{
    /// <summary>The files of one organization of this set.</summary>
    /// <exception cref="KeyNotFoundException">The organization was not part of the run.</exception>
    public DevOrganizationCertificates this[string organization] =>
        Organizations.FirstOrDefault(o => o.Name == organization)
        ?? throw new KeyNotFoundException($"The organization '{organization}' is not in the development certificates of {Folder}.");

    internal static DevCertificateSet Describe(string folder, IReadOnlyList<string> organizations) => new(
        folder,
        new CertificateFilePair(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "ca.key")),
        organizations.Select(name => DevOrganizationCertificates.Describe(folder, name)).ToList(),
        []);
}

/// <summary>One organization's server certificate (its gateway's TLS endpoint) and client certificate (mTLS to partners).</summary>
public sealed record DevOrganizationCertificates(string Name, CertificateFilePair Server, CertificateFilePair Client)
{
    internal static DevOrganizationCertificates Describe(string folder, string name)
    {
        var orgFolder = Path.Combine(folder, name);
        return new DevOrganizationCertificates(
            name,
            new CertificateFilePair(Path.Combine(orgFolder, "server.crt"), Path.Combine(orgFolder, "server.key")),
            new CertificateFilePair(Path.Combine(orgFolder, "client.crt"), Path.Combine(orgFolder, "client.key")));
    }
}
