using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Trust;

public sealed class CertificateTrustTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temp = new();
    private readonly FakeTimeProvider _time = new();
    private DevCertificateSet _mine = null!;
    private DevCertificateSet _other = null!;

    public async ValueTask InitializeAsync()
    {
        _mine = await DevCertificates.EnsureAsync(_temp.Combine("mine"), ["bank"], timeProvider: _time, cancellationToken: TestContext.Current.CancellationToken).Bounded();
        _other = await DevCertificates.EnsureAsync(_temp.Combine("other"), ["bank"], timeProvider: _time, cancellationToken: TestContext.Current.CancellationToken).Bounded();
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Validate_LeavesOfTheTrustedCa_AreTrustedForTheirUsage()
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
        using var server = _mine["bank"].Server.Load();
        using var client = _mine["bank"].Client.Load();

        Assert.Equal(CertificateTrustResult.Trusted, trust.Validate(server, CertificateUsage.Server));
        Assert.Equal(CertificateTrustResult.Trusted, trust.Validate(client, CertificateUsage.Client));
    }

    [Fact]
    public void Validate_ServerCertificateUsedAsClient_IsRefusedNamingTheUsage()
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
        using var server = _mine["bank"].Server.Load();

        var result = trust.Validate(server, CertificateUsage.Client);

        Assert.False(result.IsTrusted);
        Assert.Contains("not for TLS client authentication", result.Problem);
    }

    [Fact]
    public void Validate_LeafOfAnotherCa_IsRefused()
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
        using var foreign = _other["bank"].Client.Load();

        var result = trust.Validate(foreign, CertificateUsage.Client);

        Assert.False(result.IsTrusted);
        Assert.Contains("is not trusted by the CA", result.Problem);
    }

    [Fact]
    public void Validate_TheCaItself_IsNotALeaf()
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
        using var ca = _mine.Authority.Load();

        Assert.False(trust.Validate(ca, CertificateUsage.Server).IsTrusted);
    }

    [Fact]
    public void Validate_AfterTheLeafExpired_IsRefused()
    {
        var trust = CertificateTrust.FromFile(_mine.Authority.CertificatePath, _time);
        using var server = _mine["bank"].Server.Load();
        _time.Advance(TimeSpan.FromDays(366));

        Assert.False(trust.Validate(server, CertificateUsage.Server).IsTrusted);
    }
}
