using FederatedAgents.Grpc.AspNetCore.Calls;
using Microsoft.AspNetCore.Routing;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// Registered by <c>AddGrpc()</c>: the services mapped so far (to tell an unknown method of a known service
/// from an unknown service) and the server settings shared by every handler.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private readonly HashSet<object> _unknownMethodRoutes = new(ReferenceEqualityComparer.Instance);
    private ServerSettings? _settings;

    public ServerSettings GetSettings(IServiceProvider services)
    {
        lock (_lock)
        {
            return _settings ??= ServerSettings.Create(services);
        }
    }

    public void Add(string service)
    {
        lock (_lock)
        {
            if (!_services.Add(service))
            {
                throw new InvalidOperationException($"gRPC service {service} is already mapped; map each service once.");
            }
        }
    }

    public bool IsMapped(string service)
    {
        lock (_lock)
        {
            return _services.Contains(service);
        }
    }

    /// <summary>True the first time it is asked for a route builder: that builder then gets the catch-all endpoint.</summary>
    public bool ClaimUnknownMethodRoute(IEndpointRouteBuilder endpoints)
    {
        lock (_lock)
        {
            return _unknownMethodRoutes.Add(endpoints.DataSources);
        }
    }
}
