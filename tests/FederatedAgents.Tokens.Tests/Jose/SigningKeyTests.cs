using System.Security.Cryptography;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class SigningKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fa-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generate_Default_IsEs256WithThumbprintKid()
    {
        using var key = SigningKey.Generate();

        Assert.Equal(JwsAlgorithm.ES256, key.Algorithm);
        Assert.Equal(JwkThumbprint.Compute(key.PublicKey), key.KeyId);
    }

    [Fact]
    public void FromPemFile_Pkcs8EcKey_SignsVerifiablyWithTheSameKid()
    {
        using var original = SigningKey.Generate(JwsAlgorithm.ES384);
        var path = Write("ec.pem", original.ExportPkcs8Pem());

        using var loaded = SigningKey.FromPemFile(path);

        Assert.Equal(original.KeyId, loaded.KeyId);
        Assert.Equal(JwsAlgorithm.ES384, loaded.Algorithm);
        Assert.True(original.PublicKey.Verify("input"u8, loaded.Sign("input"u8)));
    }

    [Fact]
    public void FromPemFile_Sec1EcKey_Loads()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var loaded = SigningKey.FromPemFile(Write("sec1.pem", ecdsa.ExportECPrivateKeyPem()));

        Assert.Equal(JsonWebKey.FromECDsa(ecdsa).KeyId, loaded.KeyId);
    }

    [Fact]
    public void FromPemFile_RsaKeyWithAlgorithm_Loads()
    {
        var path = Write("rsa.pem", TestBed.RsaKey.ExportPkcs8Pem());

        using var loaded = SigningKey.FromPemFile(path, JwsAlgorithm.PS256);

        Assert.Equal(JwsAlgorithm.PS256, loaded.Algorithm);
        Assert.True(loaded.PublicKey.Verify("x"u8, loaded.Sign("x"u8)));
    }

    [Theory]
    [InlineData("rsa-without-alg", "needs an explicit algorithm")]
    [InlineData("public-key", "found 'PUBLIC KEY'")]
    [InlineData("encrypted", "encrypted")]
    [InlineData("p521", "Only P-256 and P-384")]
    [InlineData("es256-as-es384", "signs ES256, not ES384")]
    [InlineData("garbage", "no PEM block")]
    public void FromPemFile_UnusableKey_ThrowsNamingFileAndFix(string kind, string reason)
    {
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (pem, algorithm) = kind switch
        {
            "rsa-without-alg" => (TestBed.RsaKey.ExportPkcs8Pem(), (JwsAlgorithm?)null),
            "public-key" => (p256.ExportSubjectPublicKeyInfoPem(), null),
            "encrypted" => (p256.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)), null),
            "p521" => (p521.ExportPkcs8PrivateKeyPem(), null),
            "es256-as-es384" => (p256.ExportPkcs8PrivateKeyPem(), JwsAlgorithm.ES384),
            _ => ("not a key", null),
        };
        var path = Write(kind + ".pem", pem);

        var error = Assert.Throws<FormatException>(() => SigningKey.FromPemFile(path, algorithm));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPemFile_MissingFile_ThrowsNamingIt()
    {
        var path = Path.Combine(_folder, "absent.pem");

        var error = Assert.Throws<FileNotFoundException>(() => SigningKey.FromPemFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
