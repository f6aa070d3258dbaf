using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests;

/// <summary>Tests against a <see cref="SecureGateway"/> in front of one agent (the Echo service unless a test class starts another), fresh per test.</summary>
public abstract class SecureGatewayTest : IAsyncLifetime
{
    protected GrpcTestServer Agent { get; private set; } = null!;

    protected SecureGateway Bank { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Agent = await StartAgentAsync();
        Bank = await StartGatewayAsync(Agent);
    }

    public async ValueTask DisposeAsync()
    {
        await Bank.DisposeAsync();
        await Agent.DisposeAsync();
    }

    protected virtual Task<GrpcTestServer> StartAgentAsync() => GrpcTestServer.StartAsync();

    protected virtual Task<SecureGateway> StartGatewayAsync(GrpcTestServer agent) => SecureGateway.StartAsync(agent.Address);
}
