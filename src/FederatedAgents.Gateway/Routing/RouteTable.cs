using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;

namespace FederatedAgents.Gateway.Routing;

/// <summary>
/// <c>:path</c> to route for one snapshot. Methods with a policy entry of their own are found by their whole path;
/// any other method of a served service takes the service's route. Anything else is not routed (UNIMPLEMENTED).
/// </summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, Route> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Route> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Route>.AlternateLookup<ReadOnlySpan<char>> _servicesBySpan;

    public RouteTable(IReadOnlyList<AgentConfig> agents, IReadOnlyDictionary<string, AgentCluster> clusters, ConcurrencyCounters counters)
    {
        _servicesBySpan = _services.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var agent in agents)
        {
            var cluster = clusters[agent.Name];
            var agentLimit = agent.MaxConcurrentCalls is { } max ? counters.Limit($"agent {agent.Name}", max) : null;
            foreach (var service in agent.Services)
            {
                var policy = agent.Methods.FirstOrDefault(m => m.Name == $"{service}/{MethodPolicy.AnyMethod}")
                    ?? MethodPolicy.Open($"{service}/{MethodPolicy.AnyMethod}");
                _services[service] = Create(agent, cluster, policy, agentLimit, counters);
            }

            foreach (var policy in agent.Methods.Where(m => !m.Name.EndsWith("/" + MethodPolicy.AnyMethod, StringComparison.Ordinal)))
            {
                _methods["/" + policy.Name] = Create(agent, cluster, policy, agentLimit, counters);
            }
        }
    }

    /// <summary>The route of a request path <c>/package.Service/Method</c>; null when no agent serves it.</summary>
    public Route? Find(string path)
    {
        if (_methods.TryGetValue(path, out var route))
        {
            return route;
        }

        return GrpcPath.TryGetService(path, out var service) && _servicesBySpan.TryGetValue(service, out route) ? route : null;
    }

    private static Route Create(AgentConfig agent, AgentCluster cluster, MethodPolicy policy, ConcurrencyLimit? agentLimit, ConcurrencyCounters counters)
    {
        List<ConcurrencyLimit> limits = [];
        if (agentLimit is not null)
        {
            limits.Add(agentLimit);
        }

        if (policy.MaxConcurrentCalls is { } max)
        {
            limits.Add(counters.Limit($"method {agent.Name}/{policy.Name}", max));
        }

        return new Route(agent, cluster, policy, limits);
    }
}
