using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Gateway.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the federated gateway.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway, configured by the <c>Gateway</c> section of <paramref name="configuration"/> (the organization
    /// file plus environment overrides, e.g. <c>Gateway__Agents__0__Endpoints__0</c>). Kestrel gets the partner and
    /// local listeners it declares. The section is validated when the gateway is first resolved (when the
    /// host is built, as Kestrel reads its listeners from it): every problem is reported at once in a
    /// <see cref="GatewayConfigurationException"/>. Later changes to the configuration are picked up without a restart;
    /// relative file paths are taken from the content root.
    /// </summary>
    public static IFederatedGatewayBuilder AddFederatedGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConcurrencyCounters>();
        services.TryAddSingleton(sp => new GatewaySnapshotBuilder(
            configuration,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory(),
            sp.GetRequiredService<ConcurrencyCounters>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new GatewaySnapshotProvider(
            configuration, sp.GetRequiredService<GatewaySnapshotBuilder>(), sp.GetRequiredService<ILogger<GatewaySnapshotProvider>>()));
        services.TryAddSingleton<GatewayListeners>();
        services.TryAddSingleton<GatewayCallCounter>();
        services.TryAddSingleton<CallForwarder>();
        services.TryAddSingleton<GatewayEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, GatewayKestrelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, GatewayListenerPolicy>());
        return new FederatedGatewayBuilder(services);
    }
}
