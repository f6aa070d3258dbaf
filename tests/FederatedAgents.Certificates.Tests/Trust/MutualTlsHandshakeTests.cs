using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Tests.Development;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Trust;

/// <summary>Real TLS on loopback: each side presents a dev certificate and validates the other against its CA only.</summary>
public sealed class MutualTlsHandshakeTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temp = new();
    private DevCertificateSet _mine = null!;
    private DevCertificateSet _other = null!;

    public async ValueTask InitializeAsync()
    {
        _mine = await TestDevCertificates.EnsureAsync(_temp.Combine("mine"), ["bank", "bureau"]);
        _other = await TestDevCertificates.EnsureAsync(_temp.Combine("other"), ["bureau"]);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Handshake_BothCertificatesFromTheCa_ExchangesData()
    {
        using var server = _mine["bank"].Server.Load();
        using var client = _mine["bureau"].Client.Load();

        var (serverError, clientError) = await HandshakeAsync(server, client, "bank.localhost");

        Assert.Null(serverError);
        Assert.Null(clientError);
    }

    [Fact]
    public async Task Handshake_ClientCertificateOfAnotherCa_Fails()
    {
        using var server = _mine["bank"].Server.Load();
        using var client = _other["bureau"].Client.Load();

        var (serverError, clientError) = await HandshakeAsync(server, client, "bank.localhost");

        Assert.NotNull(serverError);
        Assert.NotNull(clientError);
    }

    [Fact]
    public async Task Handshake_ServerCertificateOfAnotherCa_Fails()
    {
        using var server = _other["bureau"].Server.Load();
        using var client = _mine["bank"].Client.Load();

        var (_, clientError) = await HandshakeAsync(server, client, "bureau.localhost");

        Assert.NotNull(clientError);
    }

    [Fact]
    public async Task Handshake_ServerCertificateForAnotherHost_Fails()
    {
        using var server = _mine["bank"].Server.Load();
        using var client = _mine["bureau"].Client.Load();

        var (_, clientError) = await HandshakeAsync(server, client, "bureau.localhost");

        Assert.NotNull(clientError);
    }

    /// <summary>Handshake, then one byte each way; returns what failed on each side (null = fine).</summary>
    private async Task<(Exception? Server, Exception? Client)> HandshakeAsync(
        X509Certificate2 serverCertificate, X509Certificate2 clientCertificate, string targetHost)
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var serverSide = CaptureAsync(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = trust.CreateCallback(CertificateUsage.Client),
            });
            await ExchangeAsync(tls);
        });
        var clientSide = CaptureAsync(async () =>
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = trust.CreateCallback(CertificateUsage.Server),
            });
            await ExchangeAsync(tls);
        });

        return (await serverSide.Bounded(), await clientSide.Bounded());
    }

    private static async Task ExchangeAsync(SslStream tls)
    {
        await tls.WriteAsync(new byte[] { 42 });
        var buffer = new byte[1];
        var read = await tls.ReadAsync(buffer);
        if (read != 1 || buffer[0] != 42)
        {
            throw new IOException("The peer closed the connection instead of answering.");
        }
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action().Bounded();
            return null;
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            return exception;
        }
    }
}
