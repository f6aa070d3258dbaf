namespace FederatedAgents.Gateway.Configuration;

/// <summary>Reads <c>Gateway:Security</c>; null when the section is absent (a gateway without the security pipeline).</summary>
internal static class SecurityConfigReader
{
    public static SecurityConfig? Read(ConfigNode node, ConfigPaths paths)
    {
        if (!node.Exists)
        {
            return null;
        }

        node.AllowOnly("Audience", "Authority", "CacheValidatedTokens", "Audit");
        var audience = node.RequiredString("Audience", "give the aud value tokens for this gateway carry, e.g. https://gateway.bank.example:8443 (one of the audiences the authority issues for).");
        if (audience.Length > 0 && !Uri.TryCreate(audience, UriKind.Absolute, out _))
        {
            node.Error("Audience", $"'{audience}' is not an absolute URI; use the gateway's identifier as the authority issues it, e.g. https://gateway.bank.example:8443.");
        }

        var authority = node["Authority"];
        return new SecurityConfig(
            audience,
            authority.Exists ? PartnerConfigReader.ReadAuthority(authority, paths) : null,
            node.Boolean("CacheValidatedTokens") ?? true,
            ReadAudit(node["Audit"], paths));
    }

    private static AuditConfig ReadAudit(ConfigNode node, ConfigPaths paths)
    {
        node.AllowOnly("Enabled", "KeyFile", "Receipts");
        var keyFile = paths.ResolveOptional(node.String("KeyFile"));
        if (keyFile is not null && !File.Exists(keyFile))
        {
            node.Error("KeyFile", $"'{keyFile}' does not exist; give the PEM P-256 private key that signs audit receipts (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256), or remove the key to use the development key.");
        }

        return new AuditConfig(node.Boolean("Enabled") ?? true, keyFile, node.Boolean("Receipts") ?? true);
    }
}
