using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the federated gateway onto endpoint routing.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    private static readonly string[] s_post = [HttpMethods.Post];

    /// <summary>
    /// Forwards every gRPC request (POST with a gRPC content type) no other endpoint takes to the agent its path
    /// routes to, on the gateway's own listeners only; other endpoints of the host are not reachable there. Needs <c>AddFederatedGateway()</c>; throws here when it is missing, and throws
    /// <see cref="FederatedAgents.Gateway.Configuration.GatewayConfigurationException"/> when the configuration is invalid.
    /// </summary>
    public static IEndpointConventionBuilder MapFederatedGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var gateway = endpoints.ServiceProvider.GetService<GatewayEndpoint>()
            ?? throw new InvalidOperationException(
                "Cannot map the federated gateway: it is not registered. Call services.AddFederatedGateway(builder.Configuration) when configuring services.");
        var mapped = endpoints.MapMethods("/{**grpcPath}", s_post, gateway.HandleAsync)
            .WithDisplayName("Federated gateway")
            .WithMetadata(GatewayListenerEndpoint.Instance);
        mapped.Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
        return mapped;
    }
}
