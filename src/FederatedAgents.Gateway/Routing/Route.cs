using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;

namespace FederatedAgents.Gateway.Routing;

/// <summary>
/// Where a method's calls go and what applies to them: the agent, its cluster, the method's policy, the
/// longest the call may take and the concurrency limits it counts against.
/// </summary>
internal sealed class Route(AgentConfig agent, AgentCluster cluster, MethodPolicy policy, IReadOnlyList<ConcurrencyLimit> limits)
{
    public AgentConfig Agent { get; } = agent;

    public AgentCluster Cluster { get; } = cluster;

    public MethodPolicy Policy { get; } = policy;

    /// <summary>The shorter of the agent's and the method's timeouts; null when neither sets one.</summary>
    public TimeSpan? Timeout { get; } = Shorter(agent.Timeout, policy.Timeout);

    public IReadOnlyList<ConcurrencyLimit> Limits { get; } = limits;

    private static TimeSpan? Shorter(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
