using FederatedAgents.Grpc.InteropServer;
using FederatedAgents.Testing;

[assembly: AssemblyFixture(typeof(FederatedAgents.Grpc.Interop.Tests.InteropCertificates))]

namespace FederatedAgents.Grpc.Interop.Tests;

/// <summary>
/// Development certificates in a temporary folder, created once for the test run exactly as the interop
/// server creates <c>certs-dev</c>: a CA and the <c>localhost</c> server certificate it signed.
/// </summary>
public sealed class InteropCertificates : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    public string Folder => _folder.Path;

    public string CaFile => _folder.Combine("ca.crt");

    public string ServerCertificateFile => _folder.Combine(InteropServerHost.CertificateOrganization, "server.crt");

    public string ServerKeyFile => _folder.Combine(InteropServerHost.CertificateOrganization, "server.key");

    public async ValueTask InitializeAsync()
    {
        using var certificate = await InteropServerHost.LoadCertificateAsync(Folder).Bounded();
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
