namespace FederatedAgents.Certificates.Trust;

/// <summary>What a peer certificate must be good for: the extended key usage it has to carry.</summary>
public enum CertificateUsage
{
    /// <summary>TLS server authentication (EKU id-kp-serverAuth, 1.3.6.1.5.5.7.3.1).</summary>
    Server,

    /// <summary>TLS client authentication (EKU id-kp-clientAuth, 1.3.6.1.5.5.7.3.2).</summary>
    Client,
}

internal static class CertificateUsageOids
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static string Oid(this CertificateUsage usage) => usage switch
    {
        CertificateUsage.Server => ServerAuth,
        CertificateUsage.Client => ClientAuth,
        _ => throw new ArgumentOutOfRangeException(nameof(usage), usage, "Unknown certificate usage."),
    };
}
