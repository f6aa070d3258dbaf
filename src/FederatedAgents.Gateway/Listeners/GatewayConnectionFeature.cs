using Microsoft.AspNetCore.Connections;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>Marks connections accepted by the gateway's own listeners (partner and local), as opposed to other listeners of the host (the authority's).</summary>
internal sealed class GatewayConnectionFeature
{
    public static readonly GatewayConnectionFeature Instance = new();

    private GatewayConnectionFeature()
    {
    }

    /// <summary>Connection middleware that marks each connection of a listener.</summary>
    public static ConnectionDelegate Mark(ConnectionDelegate next) => connection =>
    {
        connection.Features.Set(Instance);
        return next(connection);
    };
}
