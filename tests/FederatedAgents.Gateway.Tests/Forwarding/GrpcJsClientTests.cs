using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>
/// An independent client (@grpc/grpc-js, tests/interop/grpc/echo-client.mjs) through the gateway to the Echo agent:
/// every call shape, metadata, status with special characters, gzip both ways, deadline and cancellation.
/// </summary>
public sealed class GrpcJsClientTests
{
    private static readonly string[] s_cases =
        ["unary", "server_streaming", "empty_stream", "client_streaming", "bidi_ping_pong", "status_and_message", "unimplemented_method", "gzip", "deadline", "cancel"];

    [Fact]
    public async Task GrpcJsClient_ThroughTheGateway_EveryCasePasses()
    {
        NodePeers.Require("@grpc/grpc-js", "@grpc/proto-loader");
        await using var agent = await GrpcTestServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", agent.Address)));

        var result = await NodePeers.RunScriptAsync("grpc/echo-client.mjs", [$"127.0.0.1:{gateway.Listeners.Local!.Port}"]);

        Assert.True(result.Succeeded, $"grpc-js cases failed through the gateway:{Environment.NewLine}{result}");
        foreach (var name in s_cases)
        {
            Assert.Contains($"ok {name}{Environment.NewLine}", result.StandardOutput);
        }

        await agent.Observer.WaitAsync(CallEvents.Cancelled, "node-deadline");
        await agent.Observer.WaitAsync(CallEvents.Cancelled, "node-cancel");
        await gateway.WaitUntilIdleAsync();
    }
}
