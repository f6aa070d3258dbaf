using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Gateway.Routing;

/// <summary>Whether a call may go on: routed, its caller still trusted, its deadline readable, every filter agreeing; and who is told.</summary>
internal sealed partial class GatewayEndpoint
{
    /// <summary>Tells the observers the decision. Audit failing closes the call: a call the observers cannot record is refused.</summary>
    private Status? Decided(GatewayCall call, Status? refusal)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnDecision(call, refusal);
            }
            catch (Exception ex)
            {
                Log.ObserverFailed(logger, call.Method, observer.GetType().Name, ex);
                refusal ??= new Status(StatusCode.Internal, "The gateway could not record the call.");
            }
        }

        return refusal;
    }

    private async ValueTask<Status?> DecideAsync(GatewayCall call, bool unknownPartner, bool timeoutValid)
    {
        if (call.Route is null && call.OutboundTarget is { } partner)
        {
            Log.Unrouted(logger, call.Method);
            return new Status(StatusCode.NotFound, outbound is null
                ? $"This gateway does not carry calls to partners (fa-target-org '{partner}'); configure Gateway:Outbound and call AddOutboundCalls()."
                : $"'{partner}' (fa-target-org) is not a partner with a GatewayAddress in this gateway's configuration.");
        }

        if (call.Route is null)
        {
            Log.Unrouted(logger, call.Method);
            return new Status(StatusCode.Unimplemented, GrpcPath.TryGetService(call.Method, out var service)
                ? $"Service {service} is not served by this gateway."
                : $"'{call.Method}' is not a gRPC method path (/package.Service/Method).");
        }

        if (unknownPartner)
        {
            return new Status(StatusCode.Unauthenticated, PartnerConnectionFeature.NoLongerTrustedMessage);
        }

        if (!timeoutValid)
        {
            return new Status(StatusCode.Internal,
                $"The grpc-timeout header '{call.HttpContext.Request.Headers.GrpcTimeout}' is malformed; expected a positive integer of at most 8 digits followed by one unit of H, M, S, m, u or n (e.g. 500m).");
        }

        foreach (var filter in _filters)
        {
            if (await filter.CheckAsync(call, call.HttpContext.RequestAborted) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The caller's <c>grpc-timeout</c>: null when absent; false when malformed.</summary>
    private static bool TryReadTimeout(HttpRequest request, out TimeSpan? timeout)
    {
        timeout = null;
        var header = request.Headers.GrpcTimeout;
        if (header.Count == 0)
        {
            return true;
        }

        if (header.Count == 1 && GrpcTimeout.TryParse(header.ToString(), out var value))
        {
            timeout = value;
            return true;
        }

        return false;
    }
}
