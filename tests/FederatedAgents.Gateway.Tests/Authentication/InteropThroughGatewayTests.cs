using System.Net;
using System.Text.Json.Nodes;
using FederatedAgents.Grpc.InteropServer;
using FederatedAgents.Testing;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Tests.Authentication;

/// <summary>
/// The 14 portable gRPC interop cases from an independent client (@grpc/grpc-js, tests/interop/grpc/interop-client.mjs)
/// through the secured gateway's partner listener — TLS with the partner's client certificate and a bound delegation
/// token on every call — to this project's interop server as the agent (h2c).
/// </summary>
public sealed class InteropThroughGatewayTests
{
    private static readonly string[] s_cases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream", "cancel_after_begin",
        "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata", "status_code_and_message",
        "special_status_message", "unimplemented_method", "unimplemented_service",
    ];

    [Fact]
    public async Task GrpcJsInteropClient_ThroughTheSecuredGateway_EveryCasePasses()
    {
        NodePeers.Require("@grpc/grpc-js", "@grpc/proto-loader");
        await using var agent = InteropServerHost.Build(new IPEndPoint(IPAddress.Loopback, 0), certificate: null, builder => builder.Logging.ClearProviders());
        await agent.StartAsync(TestContext.Current.CancellationToken).Bounded();
        await using var bank = await SecureGateway.StartAsync(InteropServerHost.AddressOf(agent), config => config["Agents"]!.AsArray().Add(new JsonObject
        {
            ["Name"] = "interop",
            ["Endpoints"] = GatewayJson.Strings([InteropServerHost.AddressOf(agent).ToString()]),
            ["Services"] = GatewayJson.Strings(["grpc.testing.TestService"]),
            ["Methods"] = new JsonArray(new JsonObject
            {
                ["Name"] = "grpc.testing.TestService/*",
                ["RequiredScopes"] = GatewayJson.Strings(["interop"]),
                ["AllowedPartners"] = GatewayJson.Strings(["bureau"]),
            }),
        }), Grpc.Interop.TestReflection.Descriptor);
        using var folder = new TemporaryFolder();
        var tokenFile = folder.Combine("token.txt");
        await File.WriteAllTextAsync(tokenFile, bank.Token(scopes: ["interop"]).Token, TestContext.Current.CancellationToken);
        var client = bank.Certificates["bureau"].Client;

        var result = await NodePeers.RunScriptAsync("grpc/interop-client.mjs",
        [
            "--server_host=127.0.0.1", $"--server_port={bank.Gateway.Listeners.Partner!.Port}", "--test_case=all",
            "--use_tls=true", $"--ca_file={bank.Certificates.Authority.CertificatePath}", "--server_host_override=localhost",
            $"--client_cert_file={client.CertificatePath}", $"--client_key_file={client.KeyPath}", $"--bearer_token_file={tokenFile}",
        ]);

        Assert.True(result.Succeeded, $"grpc-js interop cases failed through the gateway:{Environment.NewLine}{result}");
        foreach (var name in s_cases)
        {
            Assert.Contains($"ok {name}{Environment.NewLine}", result.StandardOutput);
        }

        await bank.Gateway.WaitUntilIdleAsync();
        await agent.StopAsync(TestContext.Current.CancellationToken).Bounded();
    }
}
