namespace FederatedAgents.Certificates.Trust;

/// <summary>The outcome of validating a peer certificate; <see cref="Problem"/> says why it was refused.</summary>
public sealed record CertificateTrustResult(bool IsTrusted, string? Problem)
{
    internal static CertificateTrustResult Trusted { get; } = new(true, null);

    internal static CertificateTrustResult Refused(string problem) => new(false, problem);
}
