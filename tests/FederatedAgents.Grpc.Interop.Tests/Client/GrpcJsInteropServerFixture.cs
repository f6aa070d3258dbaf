using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;

namespace FederatedAgents.Grpc.Interop.Tests.Client;

/// <summary>
/// <c>tests/interop/grpc/interop-server.mjs</c> (grpc-js, official protos) twice: over h2c and over TLS with
/// the development <c>localhost</c> certificate. Started only when the peers are installed.
/// </summary>
public sealed class GrpcJsInteropServerFixture(InteropCertificates certificates) : IAsyncLifetime
{
    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<Transport, Uri> _addresses = [];
    private X509Certificate2? _authority;

    public async ValueTask InitializeAsync()
    {
        if (!InteropPeers.Available)
        {
            return;
        }

        _authority = CertificateFiles.LoadCertificate(certificates.CaFile);
        await StartAsync(Transport.H2c, []);
        await StartAsync(Transport.Tls, ["--use_tls=true", $"--cert_file={certificates.ServerCertificateFile}", $"--key_file={certificates.ServerKeyFile}"]);
    }

    /// <summary>A channel to the server over <paramref name="transport"/>; for TLS it trusts only the development CA.</summary>
    public GrpcChannel CreateChannel(Transport transport)
    {
        InteropPeers.Require();
        var options = transport == Transport.Tls ? new GrpcChannelOptions { TrustedCertificateAuthority = _authority } : null;
        return GrpcChannel.ForAddress(_addresses[transport], options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _authority?.Dispose();
    }

    private async Task StartAsync(Transport transport, string[] arguments)
    {
        var process = ChildProcess.Start("node", ["grpc/interop-server.mjs", "--port=0", .. arguments], NodePeers.InteropDirectory);
        _processes.Add(process);
        var ready = await process.WaitForLineAsync(line => line.StartsWith(InteropPeers.ReadyPrefix, StringComparison.Ordinal));
        _addresses[transport] = new Uri(ready[InteropPeers.ReadyPrefix.Length..]);
    }
}
