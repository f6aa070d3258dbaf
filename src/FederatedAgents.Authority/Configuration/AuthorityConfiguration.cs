namespace FederatedAgents.Authority.Configuration;

/// <summary>The bound sections the authority reads, and the folder relative paths start from.</summary>
internal sealed record AuthorityConfiguration(
    AuthorityOptions Authority,
    OrganizationOptions Organization,
    string BaseDirectory,
    TimeProvider Time);
