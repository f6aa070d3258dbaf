using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>An independent client (@grpc/grpc-js, tests/interop/grpc/echo-client.mjs) against this server.</summary>
public class GrpcJsInteropTests
{
    private static readonly string[] s_cases =
        ["unary", "server_streaming", "empty_stream", "client_streaming", "bidi_ping_pong", "status_and_message", "unimplemented_method", "gzip", "deadline", "cancel"];

    [Fact]
    public async Task GrpcJsClient_EveryCase_Passes()
    {
        Prerequisite.Require(Prerequisite.CommandExists("node"), "node", "Install Node.js 20 or later (e.g. apt-get install nodejs).");
        Prerequisite.Require(
            Directory.Exists(RepoPaths.Combine("tests", "interop", "node_modules", "@grpc", "grpc-js")),
            "@grpc/grpc-js in tests/interop/node_modules",
            "Run `npm ci` in tests/interop.");
        await using var server = await GrpcTestServer.StartAsync();

        var result = await ChildProcess.RunAsync(
            "node", [RepoPaths.Combine("tests", "interop", "grpc", "echo-client.mjs"), $"127.0.0.1:{server.Address.Port}"]);

        Assert.True(result.ExitCode == 0, $"grpc-js cases failed:{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
        foreach (var name in s_cases)
        {
            Assert.Contains($"ok {name}{Environment.NewLine}", result.StandardOutput);
        }

        await server.Observer.WaitAsync(CallEvents.Cancelled, "node-deadline");
        await server.Observer.WaitAsync(CallEvents.Cancelled, "node-cancel");
    }
}
