namespace FederatedAgents.Gateway.Health;

/// <summary>
/// An agent's endpoints and round-robin over the eligible ones (healthy or not yet checked). The eligible
/// list is rebuilt only when a check changes an endpoint's health, so picking is one increment.
/// </summary>
internal sealed class EndpointSet
{
    private readonly Lock _lock = new();
    private AgentEndpoint[] _eligible;
    private uint _next;

    public EndpointSet(IEnumerable<Uri> addresses)
    {
        All = [.. addresses.Select(address => new AgentEndpoint(address))];
        _eligible = [.. All];
    }

    public IReadOnlyList<AgentEndpoint> All { get; }

    /// <summary>The next eligible endpoint, or null when every one failed its last check.</summary>
    public AgentEndpoint? Pick()
    {
        var eligible = Volatile.Read(ref _eligible);
        return eligible.Length switch
        {
            0 => null,
            1 => eligible[0],
            _ => eligible[Interlocked.Increment(ref _next) % (uint)eligible.Length],
        };
    }

    /// <summary>Records a check's result; true when the endpoint's health changed.</summary>
    public bool Report(AgentEndpoint endpoint, EndpointHealth health)
    {
        lock (_lock)
        {
            if (!endpoint.SetHealth(health))
            {
                return false;
            }

            Volatile.Write(ref _eligible, [.. All.Where(e => e.IsEligible)]);
            return true;
        }
    }
}
