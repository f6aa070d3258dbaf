using FederatedAgents.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>
/// Keeps the gateway's listeners and the host's other endpoints apart when they share a process (the authority):
/// every request on a gateway listener goes to the gateway before routing (POST only, else 405), so nothing else the
/// host maps is reachable from a partner; the gateway itself answers only on its own listeners.
/// </summary>
internal sealed class GatewayListenerIsolation : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        GatewayEndpoint? gateway = null;
        app.Use((context, rest) =>
        {
            if (context.Features.Get<GatewayConnectionFeature>() is null)
            {
                return rest(context);
            }

            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            }

            gateway ??= context.RequestServices.GetRequiredService<GatewayEndpoint>();
            return gateway.HandleAsync(context);
        });
        next(app);
    };
}
