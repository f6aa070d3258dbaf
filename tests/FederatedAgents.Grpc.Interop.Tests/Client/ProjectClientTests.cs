namespace FederatedAgents.Grpc.Interop.Tests.Client;

/// <summary>This project's client runs each portable case against an independent TestService (grpc-js).</summary>
public class ProjectClientTests(GrpcJsInteropServerFixture server) : IClassFixture<GrpcJsInteropServerFixture>
{
    public static MatrixTheoryData<Transport, string> Matrix => InteropPeers.Matrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ProjectClient_AgainstGrpcJsServer_Passes(Transport transport, string testCase)
    {
        using var channel = server.CreateChannel(transport);

        await InteropClientCases.RunAsync(testCase, channel.CreateCallInvoker());
    }
}
