using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;

namespace FederatedAgents.Certificates.Development;

/// <summary>Creates the development CA and issues leaf certificates from it; ECDSA P-256, random serials.</summary>
internal static class DevIssuer
{
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(5 * 365);
    public static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);

    // Tolerates small clock differences between the machine that issues and the one that validates.
    private static readonly TimeSpan s_backdate = TimeSpan.FromMinutes(5);

    public static X509Certificate2 CreateAuthority(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("FederatedAgents Development CA");
        subject.AddOrganizationName("FederatedAgents development");
        var name = subject.Build();

        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        using var unsigned = request.Create(
            name, X509SignatureGenerator.CreateForECDsa(key), now - s_backdate, now + AuthorityLifetime, NewSerialNumber());
        return unsigned.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 IssueLeaf(X509Certificate2 authority, LeafProfile profile, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(profile.Subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(profile.Usage.Oid())], critical: false));
        request.CertificateExtensions.Add(profile.SubjectAlternativeName);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        // A leaf never outlives its CA.
        var authorityEnd = new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        var notAfter = now + LeafLifetime < authorityEnd ? now + LeafLifetime : authorityEnd;
        using var unsigned = request.Create(authority, now - s_backdate, notAfter, NewSerialNumber());
        return unsigned.CopyWithPrivateKey(key);
    }

    // RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random octets with the top bit cleared and the next set.
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
