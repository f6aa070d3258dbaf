using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.AspNetCore.Binding;
using FederatedAgents.Grpc.AspNetCore.Health;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC server: needed before <c>MapGrpcService</c>. Options are validated when the host
    /// starts; an invalid value stops startup with a message naming the option.
    /// </summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, UnknownMethodMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcServiceOptions>, GrpcServiceOptionsValidator>());
        var options = services.AddOptions<GrpcServiceOptions>().ValidateOnStart();
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        return new GrpcServerBuilder(services);
    }

    /// <summary>
    /// Adds the <c>grpc.health.v1.Health</c> service and the <see cref="HealthStatusRegistry"/> the application
    /// sets statuses on. The whole server (<c>""</c>) starts as SERVING. Map it with <c>MapGrpcHealthChecksService()</c>.
    /// </summary>
    public static IServiceCollection AddGrpcHealthChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new HealthStatusRegistry(sp.GetRequiredService<ILogger<HealthStatusRegistry>>()));
        services.TryAddSingleton<HealthService>();
        return services;
    }
}
