using System.Text.Json.Nodes;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Authentication;

/// <summary>A gateway with the security pipeline does not start without what it needs, and says which key to add.</summary>
public sealed class SecurityStartupTests
{
    [Fact]
    public async Task NoSecuritySection_StartupFailsNamingIt()
    {
        await using var agent = await GrpcTestServer.StartAsync();

        var ex = await Assert.ThrowsAsync<GatewayConfigurationException>(() => StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address))));

        Assert.StartsWith("Gateway:Security: is missing", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAuthorityInConfigurationNorInProcess_StartupFailsNamingTheKey()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        var gateway = GatewayJson.Local(GatewayJson.Agent("echo", agent.Address));
        gateway["Security"] = new JsonObject { ["Audience"] = "https://gateway.bank.example" };

        var ex = await Assert.ThrowsAsync<GatewayConfigurationException>(() => StartAsync(gateway));

        Assert.StartsWith("Gateway:Security:Authority: is missing and no authority runs in this process", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    private static async Task StartAsync(JsonObject gateway)
    {
        using var folder = new TemporaryFolder();
        await using var host = await GatewayHost.StartAsync(
            gateway,
            configuration: configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Organization:Name"] = "bank",
                ["Organization:DataDirectory"] = folder.Path,
            }),
            plugins: (builder, configuration) => builder.AddGatewaySecurity(configuration));
    }
}
