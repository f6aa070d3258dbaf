using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>TLS, and what the host's lifecycle does to calls in flight.</summary>
public class TransportTests
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";

    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }

    [Fact]
    public async Task Unary_OverTlsWithHttp2_Succeeds()
    {
        using var certificate = CreateLoopbackCertificate();
        await using var server = await GrpcTestServer.StartAsync(certificate: certificate);
        using var client = GrpcTestServer.CreateClient(server.Address, trusted: certificate);

        using var response = await client.StartAsync(GrpcRaw.Request(Unary, new ByteArrayContent(GrpcRaw.Frame(new EchoRequest { Message = "secure" }))));
        var messages = await GrpcRaw.MessagesAsync(response);

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("secure", (await messages.NextAsync(EchoResponse.Parser))!.Message);
        Assert.Null(await messages.NextAsync(EchoResponse.Parser));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Call_ServerShutsDown_HandlerCancelledAndClientGetsUnavailable()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var call = server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "shutdown", WaitForCancellation = true }));
        await server.Observer.WaitAsync(CallEvents.Started, "shutdown");
        var stopping = server.StopAsync();

        var response = await call.Bounded();
        Assert.Equal(StatusCode.Unavailable, response.Status);
        Assert.Equal("The server is shutting down.", response.StatusMessage);
        await server.Observer.WaitAsync(CallEvents.Cancelled, "shutdown");
        await stopping;
    }
}
