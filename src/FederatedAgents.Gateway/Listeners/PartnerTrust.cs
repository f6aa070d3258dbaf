using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Gateway.Configuration;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>
/// How one partner's client certificate is recognized: pinned (SHA-256 of the DER certificate, within its
/// validity period) or issued by the partner's CA for client authentication; and, when configured, with exactly
/// the expected subject.
/// </summary>
internal sealed class PartnerTrust
{
    private readonly CertificateTrust? _authority;
    private readonly IReadOnlyList<byte[]> _pins;
    private readonly string? _subject;
    private readonly TimeProvider _time;

    public PartnerTrust(PartnerConfig partner, CertificateTrust? authority, TimeProvider time)
    {
        Partner = partner;
        _authority = authority;
        _pins = partner.ClientCertificate.Thumbprints;
        _subject = partner.ClientCertificate.Subject is { } subject ? new X500DistinguishedName(subject).Name : null;
        _time = time;
    }

    public PartnerConfig Partner { get; }

    public bool Recognizes(X509Certificate2 certificate)
    {
        if (_subject is not null && !string.Equals(certificate.SubjectName.Name, _subject, StringComparison.Ordinal))
        {
            return false;
        }

        return IsPinned(certificate) || (_authority?.Validate(certificate, CertificateUsage.Client).IsTrusted ?? false);
    }

    private bool IsPinned(X509Certificate2 certificate)
    {
        if (_pins.Count == 0)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return false;
        }

        Span<byte> thumbprint = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.RawDataMemory.Span, thumbprint);
        foreach (var pin in _pins)
        {
            if (CryptographicOperations.FixedTimeEquals(pin, thumbprint))
            {
                return true;
            }
        }

        return false;
    }
}
