namespace FederatedAgents.Grpc.Interop.Tests.Server;

/// <summary>The grpc-js interop client runs each portable case against this project's interop server (in process).</summary>
public class GrpcJsClientTests(InteropServerFixture server, InteropCertificates certificates) : IClassFixture<InteropServerFixture>
{
    public static MatrixTheoryData<Transport, string> Matrix => InteropPeers.Matrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task GrpcJsClient_AgainstInteropServer_Passes(Transport transport, string testCase)
    {
        InteropPeers.Require();

        var result = await GrpcJsInteropClient.RunAsync(server.PortOf(transport), transport, certificates.CaFile, testCase);

        GrpcJsInteropClient.AssertPassed(result, testCase);
    }
}
