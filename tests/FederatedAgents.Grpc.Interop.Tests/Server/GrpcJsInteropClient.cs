using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Interop.Tests.Server;

/// <summary>Runs <c>tests/interop/grpc/interop-client.mjs</c> (grpc-js, official protos) against a server on 127.0.0.1.</summary>
internal static class GrpcJsInteropClient
{
    /// <param name="testCase">A case name, or <c>all</c>.</param>
    /// <param name="caFile">The CA the TLS server's certificate chains to; the client trusts only it.</param>
    public static Task<ChildProcessResult> RunAsync(int port, Transport transport, string caFile, string testCase)
    {
        List<string> arguments = ["--server_host=127.0.0.1", $"--server_port={port}", $"--test_case={testCase}"];
        if (transport == Transport.Tls)
        {
            // The server certificate names localhost, as the official interop certificate names foo.test.google.fr.
            arguments.AddRange(["--use_tls=true", $"--ca_file={caFile}", "--server_host_override=localhost"]);
        }

        return NodePeers.RunScriptAsync("grpc/interop-client.mjs", arguments);
    }

    /// <summary>Fails the test unless the run passed and reported <paramref name="testCase"/> as passed.</summary>
    public static void AssertPassed(ChildProcessResult result, string testCase) =>
        Assert.True(result.Succeeded && result.StandardOutput.Split('\n').Contains($"ok {testCase}"), result.ToString());
}
