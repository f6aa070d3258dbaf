using FederatedAgents.Grpc.AspNetCore.Calls;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// The lowest-priority endpoint for gRPC requests (POST with a gRPC content type) to any path no service
/// maps: UNIMPLEMENTED as Trailers-Only, never a bare 404. Other requests fall through to the app's routes.
/// </summary>
internal static partial class UnknownMethodEndpoint
{
    private const string PathParameter = "grpcUnknownPath";

    public static void Map(IEndpointRouteBuilder endpoints, ILogger logger)
    {
        var pattern = RoutePatternFactory.Parse(
            $"{{**{PathParameter}}}", defaults: null, parameterPolicies: new RouteValueDictionary { [PathParameter] = new GrpcRequestConstraint() });
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        endpoints.Map(pattern, http =>
            {
                Respond(http, registry, logger);
                return Task.CompletedTask;
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]), Marker.Instance)
            .WithDisplayName("gRPC - unknown service or method")
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
    }

    /// <summary>True for the endpoint <see cref="Map"/> adds.</summary>
    public static bool Is(Endpoint endpoint) => endpoint.Metadata.GetMetadata<Marker>() is not null;

    /// <summary>Answers a gRPC request whose path matches no mapped method.</summary>
    public static void Respond(HttpContext http, ILogger logger) =>
        Respond(http, http.RequestServices.GetRequiredService<GrpcServiceRegistry>(), logger);

    private static void Respond(HttpContext http, GrpcServiceRegistry registry, ILogger logger)
    {
        var path = http.Request.Path.Value ?? "";
        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : "";
        var detail = registry.IsMapped(service)
            ? $"Method {path[(slash + 1)..]} is not implemented by service {service}."
            : $"Service {(service.Length > 0 ? service : path)} is not implemented by this server.";
        Log.UnknownMethod(logger, path);
        GrpcResponseHeaders.WriteTrailersOnly(http.Response, new Status(StatusCode.Unimplemented, detail));
    }

    /// <summary>Endpoint metadata that marks the unknown-method endpoint.</summary>
    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    /// <summary>Matches only POSTs that declare a gRPC content type.</summary>
    private sealed class GrpcRequestConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            routeDirection == RouteDirection.IncomingRequest
            && httpContext is not null
            && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
    }
}
