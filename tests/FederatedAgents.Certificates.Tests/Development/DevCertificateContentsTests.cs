using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Development;

public sealed class DevCertificateContentsTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temp = new();
    private readonly FakeTimeProvider _time = new();
    private DevCertificateSet _set = null!;

    public async ValueTask InitializeAsync() =>
        _set = await TestDevCertificates.EnsureAsync(_temp.Path, ["bank"], _time);

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Ca_IsAnEcdsaP256AuthorityForFiveYears()
    {
        using var ca = _set.Authority.Load();

        AssertP256(ca);
        Assert.Equal(ca.SubjectName.RawData, ca.IssuerName.RawData);
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.True(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Equal(_time.GetUtcNow().AddDays(5 * 365), new DateTimeOffset(ca.NotAfter), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Server_NamesLocalhostLoopbackAndOrgHostForServerAuth()
    {
        using var server = _set["bank"].Server.Load();

        AssertP256(server);
        Assert.Equal("CN=bank.localhost, O=bank", server.Subject);
        Assert.Equal(
            ["DNS:localhost", "DNS:bank.localhost", "IP:127.0.0.1", "IP:::1"],
            SubjectAlternativeNames.Read(server));
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], Ekus(server));
        AssertIssuedByCa(server);
    }

    [Fact]
    public void Client_IdentifiesTheOrgGatewayForClientAuth()
    {
        using var client = _set["bank"].Client.Load();

        AssertP256(client);
        Assert.Equal("CN=bank gateway, O=bank", client.Subject);
        Assert.Equal(["URI:https://bank.localhost/gateway"], SubjectAlternativeNames.Read(client));
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], Ekus(client));
        AssertIssuedByCa(client);
        Assert.Equal(_time.GetUtcNow().AddDays(365), new DateTimeOffset(client.NotAfter), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SerialNumbers_ArePositiveAndDistinct()
    {
        X509Certificate2[] all = [_set.Authority.Load(), _set["bank"].Server.Load(), _set["bank"].Client.Load()];

        var serials = all.Select(c => new BigInteger(c.GetSerialNumber(), isUnsigned: false, isBigEndian: false)).ToList();
        Assert.All(serials, serial => Assert.True(serial > BigInteger.One << 64, $"serial {serial} is not a large positive number"));
        Assert.Equal(serials.Count, serials.Distinct().Count());
        Array.ForEach(all, c => c.Dispose());
    }

    private void AssertIssuedByCa(X509Certificate2 leaf)
    {
        using var ca = _set.Authority.Load();
        var caKeyId = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var authorityKeyId = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray();
        Assert.Equal(caKeyId, authorityKeyId);
        Assert.Single(leaf.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    private static void AssertP256(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
    }

    private static string[] Ekus(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).ToArray();
}
