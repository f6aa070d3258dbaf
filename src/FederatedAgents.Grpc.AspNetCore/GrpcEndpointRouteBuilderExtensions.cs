using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.AspNetCore.Binding;
using FederatedAgents.Grpc.AspNetCore.Health;
using FederatedAgents.Grpc.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services onto endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private static readonly string[] s_post = [HttpMethods.Post];

    /// <summary>
    /// Maps every method of <paramref name="descriptor"/> to the public method of the same name on
    /// <typeparamref name="TService"/> (resolved from DI per call when registered, otherwise created per call).
    /// Fails here, not on the first call, when <c>AddGrpc()</c> is missing or a method is missing or has the
    /// wrong signature. Requests with a gRPC content type to paths no service maps get UNIMPLEMENTED.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(
        this IEndpointRouteBuilder endpoints, Google.Protobuf.Reflection.ServiceDescriptor descriptor)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(descriptor);
        var registry = endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException(
                $"Cannot map gRPC service {descriptor.FullName}: the gRPC server is not registered. "
                + "Call services.AddGrpc() (e.g. builder.Services.AddGrpc()) when configuring services.");
        var settings = registry.GetSettings(endpoints.ServiceProvider);
        var handlers = ServiceBinder.Bind<TService>(descriptor, endpoints.ServiceProvider, settings);
        registry.Add(descriptor.FullName);

        var builders = new List<IEndpointConventionBuilder>(handlers.Count);
        foreach (var handler in handlers)
        {
            builders.Add(endpoints.MapMethods(handler.Method, s_post, handler.HandleCallAsync)
                .WithDisplayName($"gRPC - {handler.Method}")
                .WithMetadata(handler));
        }

        if (registry.ClaimUnknownMethodRoute(endpoints))
        {
            UnknownMethodEndpoint.Map(endpoints, settings.Logger);
        }

        return new GrpcServiceEndpointConventionBuilder(builders);
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c> (Check and Watch); needs <c>AddGrpc()</c> and <c>AddGrpcHealthChecks()</c>.</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<HealthStatusRegistry>() is null)
        {
            throw new InvalidOperationException(
                "Cannot map the gRPC health service: it is not registered. Call services.AddGrpcHealthChecks() when configuring services.");
        }

        return endpoints.MapGrpcService<HealthService>(HealthReflection.Descriptor.Services[0]);
    }
}
