namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// The <c>Organization</c> section of an organization's configuration file, shared by every
/// component the organization runs (authority, gateway, audit log).
/// </summary>
public sealed class OrganizationOptions
{
    public const string SectionName = "Organization";

    /// <summary>A short lowercase name, e.g. <c>bank</c>; used in file names and log scopes.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Where components keep their files (the SQLite store, development signing keys). Relative paths
    /// are resolved against the configuration file's folder. Default: <c>.fa-work/&lt;Name&gt;</c> there.
    /// </summary>
    public string? DataDirectory { get; set; }
}
