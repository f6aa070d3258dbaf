using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Agents.Samples.Loan;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps the sample agents on the project's gRPC server (needs <c>AddGrpc()</c>).</summary>
public static class SampleAgentsExtensions
{
    public static IServiceCollection AddCreditAgent(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CreditAgent>();
        return services;
    }

    /// <summary>The loan agent; <paramref name="configure"/> must set <see cref="LoanAgentOptions.GatewayAddress"/>.</summary>
    public static IServiceCollection AddLoanAgent(this IServiceCollection services, Action<LoanAgentOptions> configure)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure(configure);
        services.TryAddSingleton<CreditClient>();
        services.TryAddSingleton(sp => new LoanAgent(sp.GetRequiredService<CreditClient>()));
        return services;
    }

    public static IEndpointRouteBuilder MapCreditAgent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CreditAgent>(CreditAgent.Descriptor);
        return endpoints;
    }

    public static IEndpointRouteBuilder MapLoanAgent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<LoanAgent>(LoanAgent.Descriptor);
        return endpoints;
    }
}
