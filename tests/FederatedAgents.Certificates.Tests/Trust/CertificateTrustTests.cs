using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Tests.Development;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Trust;

public sealed class CertificateTrustTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temp = new();
    private readonly FakeTimeProvider _time = new();
    private DevCertificateSet _mine = null!;
    private DevCertificateSet _other = null!;
    private CertificateTrust _trust = null!;

    public async ValueTask InitializeAsync()
    {
        _mine = await TestDevCertificates.EnsureAsync(_temp.Combine("mine"), ["bank"], _time);
        _other = await TestDevCertificates.EnsureAsync(_temp.Combine("other"), ["bank"], _time);
        _trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Validate_LeavesOfTheTrustedCa_AreTrustedForTheirUsage()
    {
        using var server = _mine["bank"].Server.Load();
        using var client = _mine["bank"].Client.Load();

        Assert.Equal(CertificateTrustResult.Trusted, _trust.Validate(server, CertificateUsage.Server));
        Assert.Equal(CertificateTrustResult.Trusted, _trust.Validate(client, CertificateUsage.Client));
    }

    [Fact]
    public void Validate_ServerCertificateUsedAsClient_IsRefusedNamingTheUsage()
    {
        using var server = _mine["bank"].Server.Load();

        var result = _trust.Validate(server, CertificateUsage.Client);

        Assert.False(result.IsTrusted);
        Assert.Contains("not for TLS client authentication", result.Problem);
    }

    [Fact]
    public void Validate_LeafOfAnotherCa_IsRefused()
    {
        using var foreign = _other["bank"].Client.Load();

        var result = _trust.Validate(foreign, CertificateUsage.Client);

        Assert.False(result.IsTrusted);
        Assert.Contains("is not trusted by the CA", result.Problem);
    }

    [Fact]
    public void Validate_TheCaItself_IsNotALeaf()
    {
        using var ca = _mine.Authority.Load();

        Assert.False(_trust.Validate(ca, CertificateUsage.Server).IsTrusted);
    }

    [Fact]
    public void Validate_AfterTheLeafExpired_IsRefused()
    {
        using var server = _mine["bank"].Server.Load();
        _time.Advance(TimeSpan.FromDays(366));

        Assert.False(_trust.Validate(server, CertificateUsage.Server).IsTrusted);
    }
}
