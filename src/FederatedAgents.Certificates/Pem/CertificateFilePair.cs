using System.Security.Cryptography.X509Certificates;

namespace FederatedAgents.Certificates.Pem;

/// <summary>Where a certificate and its private key live, as PEM files.</summary>
public sealed record CertificateFilePair(string CertificatePath, string KeyPath)
{
    /// <summary>Loads the certificate with its key; see <see cref="CertificateFiles.LoadWithKey"/>.</summary>
    public X509Certificate2 Load() => CertificateFiles.LoadWithKey(CertificatePath, KeyPath);

    internal bool AnyExists => File.Exists(CertificatePath) || File.Exists(KeyPath);

    internal IEnumerable<string> Paths => [CertificatePath, KeyPath];
}
