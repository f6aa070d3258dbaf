using FederatedAgents.Gateway.Auditing;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>
/// The partner's receipt must be checked before the audit observer writes the call's record, or the record could not
/// keep it: whatever order the application registers security and outbound calls in, the receipt check observes first.
/// </summary>
public sealed class OutboundRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddOutboundCalls_WithSecurity_ReceiptCheckObservesBeforeAudit(bool securityFirst)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        var gateway = services.AddFederatedGateway(configuration);

        if (securityFirst)
        {
            gateway.AddGatewaySecurity(configuration).AddOutboundCalls(configuration);
        }
        else
        {
            gateway.AddOutboundCalls(configuration).AddGatewaySecurity(configuration);
        }

        var observers = services.Where(d => d.ServiceType == typeof(IGatewayCallObserver)).Select(d => d.ImplementationType).ToList();
        Assert.Equal([typeof(ReceiptCheckObserver), typeof(AuditObserver)], observers);
    }
}
