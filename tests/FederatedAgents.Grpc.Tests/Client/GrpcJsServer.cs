using System.Text.Json;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>
/// tests/interop/grpc/echo-server.mjs: an independent gRPC server (grpc-js) serving
/// federatedagents.testing.Echo and grpc.health.v1.Health, started once per test class.
/// </summary>
public sealed class GrpcJsServer : IAsyncLifetime
{
    private ChildProcess? _process;
    private Uri? _address;
    private Uri? _limitedAddress;

    public async ValueTask InitializeAsync()
    {
        var packages = RepoPaths.Combine("tests", "interop", "node_modules", "@grpc", "grpc-js");
        if (!Prerequisite.CommandExists("node") || !Directory.Exists(packages))
        {
            return;
        }

        _process = ChildProcess.Start("node", [RepoPaths.Combine("tests", "interop", "grpc", "echo-server.mjs")], RepoPaths.Combine("tests", "interop"));
        using var ports = JsonDocument.Parse(await _process.WaitForLineAsync(line => line.StartsWith('{')));
        _address = new Uri($"http://127.0.0.1:{ports.RootElement.GetProperty("port").GetInt32()}");
        _limitedAddress = new Uri($"http://127.0.0.1:{ports.RootElement.GetProperty("limitedPort").GetInt32()}");
    }

    /// <summary>A channel to the server; skips the test (fails it under CI) when node or the npm packages are missing.</summary>
    /// <param name="limited">The port whose connections allow one concurrent stream.</param>
    public GrpcChannel CreateChannel(bool limited = false, GrpcChannelOptions? options = null)
    {
        Prerequisite.Require(_address is not null, "node with @grpc/grpc-js", "Install Node.js and run `npm ci` in tests/interop.");
        return GrpcChannel.ForAddress(limited ? _limitedAddress! : _address!, options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
