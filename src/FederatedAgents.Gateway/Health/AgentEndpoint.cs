using System.Collections.Concurrent;

namespace FederatedAgents.Gateway.Health;

/// <summary>One address of an agent, with its health as the last check saw it.</summary>
internal sealed class AgentEndpoint(Uri address)
{
    /// <summary>Paths requested so far get their request URI cached; past this many, one is built per call.</summary>
    private const int MaxCachedPaths = 1024;

    private readonly ConcurrentDictionary<string, Uri> _requestUris = new(StringComparer.Ordinal);
    private volatile EndpointHealth _health;

    public Uri Address { get; } = address;

    public EndpointHealth Health => _health;

    /// <summary>Unknown (never checked) counts as healthy: an agent is tried until a check says otherwise.</summary>
    public bool IsEligible => _health != EndpointHealth.Unhealthy;

    /// <summary>Records a check's result; true when the health changed.</summary>
    public bool SetHealth(EndpointHealth health)
    {
        var previous = _health;
        _health = health;
        return previous != health;
    }

    /// <summary>The address of <paramref name="path"/> (<c>/package.Service/Method</c>) on this endpoint.</summary>
    public Uri GetRequestUri(string path)
    {
        if (_requestUris.TryGetValue(path, out var uri))
        {
            return uri;
        }

        uri = new Uri(Address, path);
        if (_requestUris.Count < MaxCachedPaths)
        {
            _requestUris.TryAdd(path, uri);
        }

        return uri;
    }
}

internal enum EndpointHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
