using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Certificates.Trust;

namespace FederatedAgents.Certificates.Development;

internal enum StoredState
{
    Missing,
    Usable,
    Expiring,
    Unusable,
}

/// <summary>What is on disk for one certificate + key pair, and whether it can be kept.</summary>
internal sealed record StoredCertificate(StoredState State, X509Certificate2? Certificate, string? Problem)
{
    /// <summary>Certificates this close to their end are replaced on the next run.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static StoredCertificate InspectAuthority(CertificateFilePair files, DateTimeOffset now) =>
        Inspect(files, now, certificate =>
            certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority)
            && certificate.Extensions.OfType<X509KeyUsageExtension>().Any(u => u.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
                ? null
                : "it is not a CA certificate (basicConstraints CA:true with keyCertSign)");

    public static StoredCertificate InspectLeaf(
        CertificateFilePair files, CertificateTrust trust, LeafProfile profile, DateTimeOffset now) =>
        Inspect(files, now, certificate =>
        {
            // Judge the issuer at a time the certificate was valid: an expired one is renewed, not refused.
            var lastValid = End(certificate).AddMinutes(-1);
            var trusted = trust.Validate(certificate, profile.Usage, now < lastValid ? now : lastValid);
            return profile.FindMismatch(certificate) ?? (trusted.IsTrusted ? null : trusted.Problem);
        });

    public static DateTimeOffset End(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());

    private static StoredCertificate Inspect(
        CertificateFilePair files, DateTimeOffset now, Func<X509Certificate2, string?> findProblem)
    {
        var certificateExists = File.Exists(files.CertificatePath);
        var keyExists = File.Exists(files.KeyPath);
        if (!certificateExists && !keyExists)
        {
            return new StoredCertificate(StoredState.Missing, null, null);
        }

        if (!certificateExists || !keyExists)
        {
            var missing = certificateExists ? files.KeyPath : files.CertificatePath;
            return new StoredCertificate(StoredState.Unusable, null, $"{Path.GetFileName(missing)} is missing");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = files.Load();
        }
        catch (CryptographicException exception)
        {
            return new StoredCertificate(StoredState.Unusable, null, exception.Message);
        }

        var problem = findProblem(certificate);
        if (problem is not null)
        {
            certificate.Dispose();
            return new StoredCertificate(StoredState.Unusable, null, problem);
        }

        var end = End(certificate);
        if (end - now > RenewBefore)
        {
            return new StoredCertificate(StoredState.Usable, certificate, null);
        }

        var when = end <= now ? $"expired {end:yyyy-MM-dd}" : $"expires {end:yyyy-MM-dd}, within {RenewBefore.TotalDays:0} days";
        return new StoredCertificate(StoredState.Expiring, certificate, when);
    }
}
