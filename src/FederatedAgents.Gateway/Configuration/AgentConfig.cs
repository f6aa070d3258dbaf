namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Agents:N</c>: one agent of the organization, reachable at one or more endpoints (h2c or TLS),
/// serving whole gRPC services. Calls to its services are forwarded to a healthy endpoint.
/// </summary>
/// <param name="Name">Unique among agents; named in errors callers see (never its addresses).</param>
/// <param name="TrustedCertificateAuthority">For <c>https://</c> endpoints: the CA their certificates chain to; null uses the system store.</param>
/// <param name="Services">Full service names (<c>package.Service</c>); every method of each is routed here.</param>
/// <param name="HealthCheck">Active <c>grpc.health.v1</c> checks; null: every endpoint counts as healthy.</param>
/// <param name="Timeout">Upper bound on any call's duration; the caller's <c>grpc-timeout</c> can only shorten it. Null: none.</param>
/// <param name="MaxConcurrentCalls">Calls in flight to this agent beyond which new calls get RESOURCE_EXHAUSTED. Null: no limit.</param>
/// <param name="Methods">Per-method policies; a method with no entry of its own takes the <c>Service/*</c> entry, else <see cref="MethodPolicy.Open"/>.</param>
internal sealed record AgentConfig(
    string Name,
    IReadOnlyList<Uri> Endpoints,
    string? TrustedCertificateAuthority,
    IReadOnlyList<string> Services,
    HealthCheckConfig? HealthCheck,
    TimeSpan? Timeout,
    int? MaxConcurrentCalls,
    IReadOnlyList<MethodPolicy> Methods);

/// <summary><c>Gateway:Agents:N:HealthCheck</c>: a <c>grpc.health.v1.Health/Check</c> of <paramref name="Service"/> per endpoint every <paramref name="Interval"/>.</summary>
internal sealed record HealthCheckConfig(TimeSpan Interval, TimeSpan Timeout, string Service);

/// <summary>
/// <c>Gateway:Agents:N:Methods:M</c>: what a call to one method (<c>package.Service/Method</c>) or to every
/// method of a service (<c>package.Service/*</c>) needs. Authorization enforces the caller-facing fields;
/// <see cref="Timeout"/> and <see cref="MaxConcurrentCalls"/> apply on top of the agent's own.
/// </summary>
/// <param name="RequiredScopes">Scopes the caller's token must all carry.</param>
/// <param name="AllowedPartners">Partner names (from <c>Gateway:Partners</c>) that may call; empty: no partner, only local callers.</param>
/// <param name="AllowedClients">OAuth client ids that may call; empty: any client.</param>
/// <param name="MaxDelegationDepth">Longest actor chain accepted; null: the authority's limit only.</param>
/// <param name="RequiredPurpose">The <c>purpose</c> claim the token must carry; null: none.</param>
/// <param name="Egress">Whether responses to partners pass the egress filter (classified fields removed). True by default.</param>
internal sealed record MethodPolicy(
    string Name,
    IReadOnlyList<string> RequiredScopes,
    IReadOnlyList<string> AllowedPartners,
    IReadOnlyList<string> AllowedClients,
    int? MaxDelegationDepth,
    string? RequiredPurpose,
    bool Egress,
    TimeSpan? Timeout,
    int? MaxConcurrentCalls)
{
    public const string AnyMethod = "*";

    /// <summary>The policy of a method without an entry: no scope or purpose required, local callers only, egress filtered.</summary>
    public static MethodPolicy Open(string name) => new(name, [], [], [], null, null, Egress: true, null, null);
}
