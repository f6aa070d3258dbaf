using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Pem;

namespace FederatedAgents.Certificates.Trust;

/// <summary>
/// Validates peer certificates against one given CA only (never the machine's trust store):
/// the chain must end at that CA, be time-valid, and the leaf must carry the expected EKU.
/// </summary>
public sealed class CertificateTrust
{
    private readonly X509Certificate2 _authority;
    private readonly TimeProvider _time;

    public CertificateTrust(X509Certificate2 authority, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        _authority = authority;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Trusts the CA certificate in the PEM file at <paramref name="authorityPath"/> (e.g. <c>certs-dev/ca.crt</c>).</summary>
    public static CertificateTrust FromFile(string authorityPath, TimeProvider? timeProvider = null) =>
        new(CertificateFiles.LoadCertificate(authorityPath), timeProvider);

    public CertificateTrustResult Validate(X509Certificate2 peer, CertificateUsage usage) =>
        Validate(peer, usage, _time.GetUtcNow());

    /// <summary>
    /// A callback for <see cref="SslStream"/>: accepts the peer only when <see cref="Validate(X509Certificate2, CertificateUsage)"/>
    /// does. The platform's chain errors are ignored (its chain uses the system store), its host-name check is kept.
    /// </summary>
    public RemoteCertificateValidationCallback CreateCallback(CertificateUsage usage) =>
        (_, certificate, _, errors) =>
            (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && certificate is X509Certificate2 peer
            && Validate(peer, usage).IsTrusted;

    internal CertificateTrustResult Validate(X509Certificate2 peer, CertificateUsage usage, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (!HasExtendedKeyUsage(peer, usage.Oid()))
        {
            return CertificateTrustResult.Refused(
                $"the certificate '{peer.Subject}' is not for TLS {usage.ToString().ToLowerInvariant()} authentication (extended key usage {usage.Oid()} missing)");
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(_authority);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(usage.Oid()));
        if (chain.Build(peer))
        {
            return CertificateTrustResult.Trusted;
        }

        var reasons = chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct();
        return CertificateTrustResult.Refused(
            $"the certificate '{peer.Subject}' is not trusted by the CA '{_authority.Subject}': {string.Join("; ", reasons)}");
    }

    private static bool HasExtendedKeyUsage(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(extension => extension.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == oid));
}
