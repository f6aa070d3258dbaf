using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>TLS with a private CA: the server chain must end at that CA and match the host; mTLS presents the client certificate.</summary>
public class TlsTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);
    private static readonly X509Certificate2 s_authority = TestCertificates.CreateAuthority("FederatedAgents Test CA");

    private static async Task<(AsyncUnaryCall<string> Call, string? ClientThumbprint)> CallAsync(X509Certificate2 serverCertificate, GrpcChannelOptions options)
    {
        string? clientThumbprint = null;
        await using var endpoint = await TestEndpoint.StartAsync(
            async context =>
            {
                clientThumbprint = context.Connection.ClientCertificate?.Thumbprint;
                await GrpcWire.ReplyAsync(context, context.Request.Scheme);
            },
            certificate: serverCertificate);
        using var channel = endpoint.CreateChannel(options);
        var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");
        await ((Task)call.ResponseAsync).ContinueWith(_ => { }, TaskScheduler.Default).Bounded();
        return (call, clientThumbprint);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerCertificateFromTrustedAuthority_SucceedsAndPresentsClientCertificate()
    {
        var server = TestCertificates.Issue(s_authority, "agent", forServer: true, "127.0.0.1");
        var client = TestCertificates.Issue(s_authority, "gateway", forServer: false);
        var options = new GrpcChannelOptions { TrustedCertificateAuthority = s_authority, ClientCertificates = [client] };

        var (call, clientThumbprint) = await CallAsync(server, options);

        Assert.Equal("https", await call.ResponseAsync);
        Assert.Equal(client.Thumbprint, clientThumbprint);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerCertificateFromAnotherAuthority_IsUnavailable()
    {
        var otherAuthority = TestCertificates.CreateAuthority("Someone Else's CA");
        var server = TestCertificates.Issue(otherAuthority, "impostor", forServer: true, "127.0.0.1");

        var logs = new RecordingLoggerFactory();

        var (call, _) = await CallAsync(server, new GrpcChannelOptions { TrustedCertificateAuthority = s_authority, LoggerFactory = logs });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("TLS", ex.Status.Detail);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1103 && e.Message.Contains("does not chain to CN=FederatedAgents Test CA"));
    }

    [Fact]
    public async Task AsyncUnaryCall_TrustedCertificateForAnotherHost_IsUnavailable()
    {
        var server = TestCertificates.Issue(s_authority, "elsewhere", forServer: true, "elsewhere.example");

        var logs = new RecordingLoggerFactory();

        var (call, _) = await CallAsync(server, new GrpcChannelOptions { TrustedCertificateAuthority = s_authority, LoggerFactory = logs });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1103 && e.Message.Contains("do not match the host"));
    }
}
