namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Security</c>: how calls are authenticated, and the audit log they are recorded in. Read once at
/// startup; a change needs a restart. Required by <c>AddGatewaySecurity()</c>.
/// </summary>
/// <param name="Audience">The <c>aud</c> every accepted token must carry: this gateway's identifier, e.g. https://gateway.bank.example:8443.</param>
/// <param name="Authority">This organization's authority when it runs in another process; null uses the authority hosted in this process.</param>
/// <param name="CacheValidatedTokens">Keep successful validations until the token expires (keyed by its SHA-256). Default true; off only to measure its cost.</param>
internal sealed record SecurityConfig(string Audience, PartnerAuthorityConfig? Authority, bool CacheValidatedTokens, AuditConfig Audit);

/// <summary>
/// <c>Gateway:Security:Audit</c>: every decision is appended to the organization's audit log before the caller gets
/// its status; partners get a signed receipt in the <c>fa-audit-receipt</c> trailer.
/// </summary>
/// <param name="Enabled">Default true; false only to measure the cost of auditing (nothing is recorded then).</param>
/// <param name="KeyFile">PEM P-256 private key that signs receipts; null uses the development key in the organization's data directory.</param>
/// <param name="Receipts">Whether partner callers get receipts. Default true.</param>
internal sealed record AuditConfig(bool Enabled, string? KeyFile, bool Receipts);
