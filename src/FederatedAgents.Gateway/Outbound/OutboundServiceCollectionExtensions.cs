using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds calls from the organization's own agents to partners' agents through this gateway.</summary>
public static class OutboundServiceCollectionExtensions
{
    /// <summary>
    /// Local callers address a partner with the metadata <c>fa-target-org: &lt;partner name&gt;</c>; the gateway
    /// validates their token, exchanges it for a partner token (identity chaining, cached), forwards over mutual TLS to
    /// the partner's <c>GatewayAddress</c> and verifies the partner's audit receipt. Configured by <c>Gateway:Outbound</c>,
    /// read and checked when the gateway is first resolved (a <c>GatewayConfigurationException</c> lists what is wrong).
    /// Register it after authentication, so a token authentication validated is not validated again. The receipt check
    /// observes calls before the observers already registered (audit), so the audit record can keep the verified receipt.
    /// </summary>
    /// <param name="configuration">The organization file; null: the host's configuration.</param>
    public static IFederatedGatewayBuilder AddOutboundCalls(this IFederatedGatewayBuilder builder, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(sp => OutboundConfigReader.Read(
            configuration ?? sp.GetRequiredService<IConfiguration>(), sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory()));
        services.TryAddSingleton(sp => new IdentityChaining(sp.GetRequiredService<OutboundConfig>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OutboundRoutes>();
        services.AddSingleton<IGatewayCallFilter, OutboundCallFilter>();
        InsertBeforeOtherObservers(services, ServiceDescriptor.Singleton<IGatewayCallObserver, ReceiptCheckObserver>());
        return builder;
    }

    private static void InsertBeforeOtherObservers(IServiceCollection services, ServiceDescriptor observer)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IGatewayCallObserver))
            {
                services.Insert(i, observer);
                return;
            }
        }

        services.Add(observer);
    }
}
