namespace FederatedAgents.Authority.Storage;

/// <summary>
/// The organization's name and where its state lives, from <c>Organization</c> and <c>Storage</c> as checked at
/// startup: what a component beside the authority (the gateway's audit log) needs to open its own tables.
/// Registered by <c>AddFederatedRevocationList</c> (and so by <c>AddFederatedAuthority</c>).
/// </summary>
/// <param name="Name">The organization's name (<c>Organization:Name</c>).</param>
/// <param name="DataDirectory">Where files of the organization live (SQLite stores, development keys).</param>
/// <param name="PostgresConnectionString">Set when <c>Storage:Provider</c> is postgres; null for the SQLite default.</param>
public sealed record OrganizationStore(string Name, string DataDirectory, string? PostgresConnectionString);
