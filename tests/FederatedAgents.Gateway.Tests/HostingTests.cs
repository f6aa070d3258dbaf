using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task MapFederatedGateway_WithoutAdd_FailsNamingWhatToCall()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapFederatedGateway());

        Assert.Contains("services.AddFederatedGateway(builder.Configuration)", ex.Message);
    }

    [Fact]
    public void Build_InvalidConfiguration_ThrowsEveryErrorBeforeAnythingListens()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:Local:Url"] = "http://127.0.0.1:0",
            ["Gateway:Agents:0:Name"] = "echo",
            ["Gateway:Agents:0:Endpoints:0"] = "localhost:5001",
            ["Gateway:Agents:0:Services:0"] = GatewayJson.EchoService,
            ["Gateway:Agents:0:Timeout"] = "-00:00:01",
        });
        builder.Services.AddFederatedGateway(builder.Configuration);

        // Kestrel's listeners come from the configuration, so building the host already reads it.
        var ex = Assert.Throws<GatewayConfigurationException>(() => builder.Build());

        Assert.Collection(
            ex.Errors.Order(),
            error => Assert.StartsWith("Gateway:Agents:0:Endpoints:0: 'localhost:5001' is not an agent address", error),
            error => Assert.StartsWith("Gateway:Agents:0:Timeout: '-00:00:01' is not a positive duration", error));
        Assert.Contains("2 error(s)", ex.Message);
    }

    [Fact]
    public async Task EnvironmentVariables_OverrideTheOrganizationFile()
    {
        await using var agent = await GrpcTestServer.StartAsync();
        var prefix = $"FA_GATEWAY_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Gateway__Agents__0__Endpoints__0", agent.Address.ToString());
        try
        {
            await using var gateway = await GatewayHost.StartAsync(
                GatewayJson.Local(GatewayJson.Agent("echo", new Uri("http://127.0.0.1:9"))),
                configuration: configuration => configuration.AddEnvironmentVariables(prefix));

            var response = await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "via-env" }).ResponseAsync.Bounded();

            Assert.Equal("via-env", response.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Gateway__Agents__0__Endpoints__0", null);
        }
    }
}
