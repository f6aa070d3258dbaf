using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Tests.Development;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Pem;

public sealed class CertificateFilesTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temp = new();
    private DevCertificateSet _set = null!;

    public async ValueTask InitializeAsync() =>
        _set = await TestDevCertificates.EnsureAsync(_temp.Path, ["bank"]);

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void LoadWithKey_MatchingPair_HasAUsablePrivateKey()
    {
        using var certificate = CertificateFiles.LoadWithKey(_set["bank"].Server.CertificatePath, _set["bank"].Server.KeyPath);

        byte[] data = [1, 2, 3];
        using var key = certificate.GetECDsaPrivateKey();
        Assert.NotNull(key);
        var signature = key.SignData(data, HashAlgorithmName.SHA256);
        using var publicKey = certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void LoadWithKey_KeyOfAnotherCertificate_NamesBothFiles()
    {
        var server = _set["bank"].Server;
        var client = _set["bank"].Client;

        var error = Assert.Throws<CryptographicException>(() => CertificateFiles.LoadWithKey(server.CertificatePath, client.KeyPath));

        Assert.Contains(server.CertificatePath, error.Message);
        Assert.Contains(client.KeyPath, error.Message);
    }

    [Fact]
    public void LoadWithKey_MissingKey_NamesTheFile()
    {
        var missing = _temp.Combine("nowhere.key");

        var error = Assert.Throws<FileNotFoundException>(() => CertificateFiles.LoadWithKey(_set["bank"].Server.CertificatePath, missing));

        Assert.Equal($"The private key file {missing} does not exist.", error.Message);
    }

    [Fact]
    public void LoadCertificate_KeyFileInstead_IsRefused()
    {
        Assert.Throws<CryptographicException>(() => CertificateFiles.LoadCertificate(_set.Authority.KeyPath));
    }
}
