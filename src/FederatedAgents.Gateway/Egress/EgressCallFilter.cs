using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// The third filter: a response leaving the organization (a partner's call on a route with <c>Egress</c> on) loses
/// every classified field the caller's token does not disclose. Fails closed: a method the gateway has no descriptor
/// for is refused before the agent is asked. Responses that cannot hold anything hidden from the caller are copied
/// as they are; otherwise <see cref="GatewayCall.ResponseFilter"/> becomes an <see cref="EgressResponseFilter"/>,
/// whose removed field paths go into the audit record.
/// </summary>
internal sealed class EgressCallFilter(EgressFilter egress) : IGatewayCallFilter
{
    public ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        if (!call.Caller.IsPartner || !call.Route!.Policy.Egress)
        {
            return ValueTask.FromResult<Status?>(null);
        }

        var scopes = call.Identity?.Scopes ?? [];
        try
        {
            var filter = egress.For(call.Method, MessageDirection.Response, Disclosure.VisibleTo(scopes));
            if (!filter.PassesThrough)
            {
                call.ResponseFilter = new EgressResponseFilter(filter);
            }

            return ValueTask.FromResult<Status?>(null);
        }
        catch (RpcException ex)
        {
            return ValueTask.FromResult<Status?>(ex.Status);
        }
    }
}
