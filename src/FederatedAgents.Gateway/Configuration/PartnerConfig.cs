namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Partners:N</c>: another organization whose gateway may call ours: how its client certificate
/// is recognized, whose tokens it brings, and where its own gateway is.
/// </summary>
/// <param name="Name">Unique; what method policies list in <c>AllowedPartners</c>.</param>
/// <param name="GatewayAddress">The partner's gateway (<c>https://</c>), for calls going out; null when nothing calls it.</param>
internal sealed record PartnerConfig(
    string Name,
    PartnerAuthorityConfig Authority,
    Uri? GatewayAddress,
    ClientCertificateTrustConfig ClientCertificate);

/// <summary>
/// <c>Gateway:Partners:N:Authority</c>: the partner's OAuth authority: its exact issuer and where its signing
/// keys are (a JWKS address, a JWKS file, or both; the file wins while the address is unreachable).
/// </summary>
internal sealed record PartnerAuthorityConfig(Uri Issuer, Uri? JwksUri, string? JwksFile);

/// <summary>
/// <c>Gateway:Partners:N:ClientCertificate</c>: a partner's client certificate is recognized when it chains to
/// <paramref name="CertificateAuthority"/> or its SHA-256 thumbprint is one of <paramref name="Thumbprints"/>,
/// and, when <paramref name="Subject"/> is set, its subject is exactly that name.
/// </summary>
/// <param name="Thumbprints">Pinned certificates: SHA-256 of the DER certificate, 64 hex digits (colons allowed), upper or lower case.</param>
internal sealed record ClientCertificateTrustConfig(string? CertificateAuthority, IReadOnlyList<byte[]> Thumbprints, string? Subject);
