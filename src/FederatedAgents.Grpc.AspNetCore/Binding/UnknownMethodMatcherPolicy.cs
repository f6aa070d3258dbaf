using FederatedAgents.Grpc.AspNetCore.Calls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// Takes the unknown-method endpoint out of the candidates wherever a mapped gRPC method matches the path, when
/// the routing tree is built. A call to a known method then has exactly one candidate, and routing skips
/// capturing the catch-all's route values and running its constraint on every call.
/// </summary>
internal sealed class UnknownMethodMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    /// <summary>After the HTTP method policy, which splits the candidates by method first.</summary>
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        !ContainsDynamicEndpoints(endpoints)
        && endpoints.Any(UnknownMethodEndpoint.Is)
        && endpoints.Any(e => e.Metadata.GetMetadata<ServerCallHandler>() is not null);

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints) =>
        [new PolicyNodeEdge(this, endpoints.Where(e => !UnknownMethodEndpoint.Is(e)).ToList())];

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new Always(edges[0].Destination);

    private sealed class Always(int destination) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) => destination;
    }
}
