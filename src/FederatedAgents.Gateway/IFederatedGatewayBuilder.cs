namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddFederatedGateway()</c>, for what plugs into the gateway (authentication, audit, egress filter).</summary>
public interface IFederatedGatewayBuilder
{
    IServiceCollection Services { get; }
}

internal sealed class FederatedGatewayBuilder(IServiceCollection services) : IFederatedGatewayBuilder
{
    public IServiceCollection Services { get; } = services;
}
