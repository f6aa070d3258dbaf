namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// The <c>Gateway</c> section of the organization file, read and validated: immutable, so a call keeps
/// the configuration it started with while a reload installs the next one.
/// </summary>
/// <param name="Security">Null when the section is absent; <c>AddGatewaySecurity()</c> requires it.</param>
internal sealed record GatewayConfig(ListenersConfig Listeners, IReadOnlyList<AgentConfig> Agents, IReadOnlyList<PartnerConfig> Partners, SecurityConfig? Security)
{
    public const string SectionName = "Gateway";
}

/// <summary><c>Gateway:Listeners</c>: where partners and the organization's own agents connect. Read once at startup.</summary>
internal sealed record ListenersConfig(PartnerListenerConfig? Partner, LocalListenerConfig? Local);

/// <summary>
/// <c>Gateway:Listeners:Partner</c>: TLS (1.2 or later) with HTTP/2 only; every client must present a
/// certificate that one of <see cref="GatewayConfig.Partners"/> trusts.
/// </summary>
internal sealed record PartnerListenerConfig(Uri Url, CertificateFilesConfig Certificate, TlsVersion MinimumTlsVersion);

/// <summary><c>Gateway:Listeners:Local</c>: h2c on loopback by default; TLS when a certificate is given.</summary>
internal sealed record LocalListenerConfig(Uri Url, CertificateFilesConfig? Certificate);

/// <summary>A PEM certificate and its private key; relative paths are resolved against the content root.</summary>
internal sealed record CertificateFilesConfig(string Path, string KeyPath);

/// <summary>The lowest TLS version a listener accepts.</summary>
internal enum TlsVersion
{
    Tls12,
    Tls13,
}
