using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>
/// Keeps the gateway's listeners and the host's other endpoints apart when they share a process (the authority):
/// on a gateway listener's connection only endpoints with <see cref="GatewayListenerEndpoint"/> metadata match (the
/// gateway's), so nothing else the host maps is reachable from a partner; on other listeners those endpoints never match.
/// </summary>
internal sealed class GatewayListenerPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onGatewayListener = httpContext.Features.Get<GatewayConnectionFeature>() is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && (candidates[i].Endpoint.Metadata.GetMetadata<GatewayListenerEndpoint>() is not null) != onGatewayListener)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>Endpoint metadata: served on the gateway's listeners (and only there).</summary>
internal sealed class GatewayListenerEndpoint
{
    public static readonly GatewayListenerEndpoint Instance = new();

    private GatewayListenerEndpoint()
    {
    }
}
