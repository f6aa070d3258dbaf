using FederatedAgents.Certificates.Development;
using FederatedAgents.Grpc;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>Agents reached over TLS (<c>https://</c> endpoints) are trusted through the agent's configured CA only.</summary>
public sealed class AgentTlsTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private DevCertificateSet _certificates = null!;
    private GrpcTestServer _agent = null!;

    public async ValueTask InitializeAsync()
    {
        _certificates = await DevCertificates.EnsureAsync(_folder.Combine("certs"), ["bank"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        _agent = await GrpcTestServer.StartAsync(certificate: _certificates["bank"].Server.Load());
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task HttpsEndpoint_CertificateFromTheConfiguredCa_CallsGoThrough()
    {
        await using var gateway = await StartGatewayAsync(_certificates.Authority.CertificatePath);

        var response = await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = "over tls" }).ResponseAsync.Bounded();

        Assert.Equal("over tls", response.Message);
    }

    [Fact]
    public async Task HttpsEndpoint_CertificateOfAnotherCa_UnavailableWithoutTheAddress()
    {
        var other = await DevCertificates.EnsureAsync(_folder.Combine("other"), ["bank"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        await using var gateway = await StartGatewayAsync(other.Authority.CertificatePath);

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("Agent 'echo' is unavailable: the gateway cannot connect to it.", ex.Status.Detail);
    }

    private Task<GatewayHost> StartGatewayAsync(string authority)
    {
        var agent = GatewayJson.Agent("echo", new Uri($"https://localhost:{_agent.Address.Port}"));
        agent["TrustedCertificateAuthority"] = authority;
        return GatewayHost.StartAsync(GatewayJson.Local(agent));
    }
}
