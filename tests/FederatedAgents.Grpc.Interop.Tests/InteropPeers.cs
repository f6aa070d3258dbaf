using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Interop.Tests;

/// <summary>
/// The independent side of every case: the grpc-js scripts in <c>tests/interop/grpc</c>, which load the
/// official protos Debian's <c>grpc-proto</c> installs (not this repository's copies).
/// </summary>
public static class InteropPeers
{
    public const string OfficialTestProto = "/usr/share/grpc-proto/grpc/testing/test.proto";

    /// <summary>What the interop servers (ours and grpc-js) print, followed by their URL, once they accept calls.</summary>
    public const string ReadyPrefix = "listening on ";

    private static readonly string[] s_packages = ["@grpc/grpc-js", "@grpc/proto-loader"];

    /// <summary>The 14 portable cases of grpc/grpc doc/interop-test-descriptions.md, as named there.</summary>
    public static readonly IReadOnlyList<string> Cases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
    ];

    public static bool Available =>
        Prerequisite.CommandExists("node")
        && File.Exists(OfficialTestProto)
        && s_packages.All(p => Directory.Exists(Path.Combine(NodePeers.InteropDirectory, "node_modules", p)));

    /// <summary>Skips the test locally (fails it under CI) without node, the npm packages or the official protos.</summary>
    public static void Require()
    {
        NodePeers.Require(s_packages);
        Prerequisite.Require(File.Exists(OfficialTestProto), $"the official gRPC test protos ({OfficialTestProto})", "Install Debian's grpc-proto package (`apt-get install grpc-proto`).");
    }

    /// <summary>Every case for every transport, one test each.</summary>
    public static MatrixTheoryData<Transport, string> Matrix() => new([Transport.H2c, Transport.Tls], [.. Cases]);
}
