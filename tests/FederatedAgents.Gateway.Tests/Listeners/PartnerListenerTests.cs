using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Tests.Configuration;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Listeners;

/// <summary>
/// The partner listener over real TLS: only client certificates a configured partner recognizes (by its CA and
/// subject, or a pinned thumbprint) get through, and each call knows which partner is calling.
/// </summary>
public sealed class PartnerListenerTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private readonly RecordingHooks _hooks = new();
    private DevCertificateSet _certificates = null!;
    private GrpcTestServer _agent = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _certificates = await ValidConfig.CertificatesAsync(_folder);
        _agent = await GrpcTestServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(Config(), services => services.AddSingleton<IGatewayCallFilter>(_hooks));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _agent.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task CertificateFromThePartnersCa_CallGoesThroughAndKnowsThePartner()
    {
        using var channel = PartnerChannel(_certificates["bureau"].Client.Load());

        var response = await EchoAsync(channel, "from-bureau");

        Assert.Equal("from-bureau", response.Message);
        var call = Assert.Single(_hooks.Checked);
        Assert.Equal("bureau", call.Caller.Partner?.Name);
        Assert.Equal(_certificates["bureau"].Client.Load().Thumbprint, call.Caller.ClientCertificate?.Thumbprint);
    }

    [Fact]
    public async Task PinnedCertificate_CallGoesThroughAsThatPartner()
    {
        using var channel = PartnerChannel(_certificates["ratings"].Client.Load());

        await EchoAsync(channel, "from-ratings");

        Assert.Equal("ratings", Assert.Single(_hooks.Checked).Caller.Partner?.Name);
    }

    [Fact]
    public async Task LocalListener_CallerIsLocal()
    {
        await EchoAsync(_gateway.Local, "local");

        Assert.False(Assert.Single(_hooks.Checked).Caller.IsPartner);
    }

    [Fact]
    public async Task CertificateOfAnotherCa_RefusedInTheHandshake()
    {
        var stranger = await DevCertificates.EnsureAsync(_folder.Combine("stranger"), ["bureau"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        using var channel = PartnerChannel(stranger["bureau"].Client.Load());

        // TLS 1.3 ends the handshake before the server checks the client's certificate: the client sees the refusal as a failed call.
        await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel, "stranger"));

        await _gateway.Logs.WaitForAsync(4071, e => e.Message.Contains("CN=bureau gateway", StringComparison.Ordinal));
        Assert.Empty(_hooks.Checked);
    }

    [Fact]
    public async Task CertificateOfTheRightCaButNoPartnersSubject_Refused()
    {
        using var channel = PartnerChannel(_certificates["bank"].Client.Load());

        await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel, "bank-itself"));

        await _gateway.Logs.WaitForAsync(4071, e => e.Message.Contains("CN=bank gateway", StringComparison.Ordinal));
        Assert.Empty(_hooks.Checked);
    }

    [Fact]
    public async Task NoClientCertificate_Refused()
    {
        using var channel = PartnerChannel(certificate: null);

        await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel, "anonymous"));

        await _gateway.Logs.WaitForAsync(4070);
        Assert.Empty(_hooks.Checked);
    }

    [Fact]
    public async Task PartnerRemovedByAReload_ItsOpenConnectionIsRefusedFromTheNextCall()
    {
        using var channel = PartnerChannel(_certificates["bureau"].Client.Load());
        await EchoAsync(channel, "before");
        var withoutBureau = Config();
        withoutBureau["Partners"]!.AsArray().RemoveAt(0);
        withoutBureau["Agents"]![0]!["Methods"] = new JsonArray();

        await _gateway.ReloadAsync(withoutBureau);
        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel, "after"));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.False(_agent.Observer.Happened(CallEvents.Started, "after"));
    }

    private JsonObject Config()
    {
        var config = ValidConfig.Create(_certificates);
        var agent = (JsonObject)config["Agents"]![0]!;
        agent["Endpoints"] = GatewayJson.Strings([_agent.Address.ToString()]);
        agent.Remove("HealthCheck");
        var ratings = (JsonObject)config["Partners"]![1]!["ClientCertificate"]!;
        ratings.Remove("CertificateAuthority");
        using var ratingsCertificate = CertificateFiles.LoadCertificate(_certificates["ratings"].Client.CertificatePath);
        ratings["Thumbprints"] = GatewayJson.Strings([ratingsCertificate.GetCertHashString(HashAlgorithmName.SHA256)]);
        return config;
    }

    private GrpcChannel PartnerChannel(X509Certificate2? certificate) =>
        GrpcChannel.ForAddress(_gateway.Listeners.Partner!, new GrpcChannelOptions
        {
            ClientCertificates = certificate is null ? null : [certificate],
            TrustedCertificateAuthority = CertificateFiles.LoadCertificate(_certificates.Authority.CertificatePath),
        });

    private static Task<EchoResponse> EchoAsync(GrpcChannel channel, string message) =>
        channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = message }).ResponseAsync.Bounded();
}
