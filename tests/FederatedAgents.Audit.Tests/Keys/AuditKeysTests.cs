using FederatedAgents.Audit.Keys;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Keys;

public sealed class AuditKeysTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadOrCreateDevelopmentKey_FirstUse_WritesAnOwnerOnlyKeyAndItsPublicJwks()
    {
        using var key = AuditKeys.LoadOrCreateDevelopmentKey(_folder.Combine("data"));

        var keyFile = _folder.Combine("data", AuditKeys.DevelopmentKeyFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var published = JsonWebKeySet.Parse(File.ReadAllText(_folder.Combine("data", AuditKeys.PublicKeysFileName)));
        Assert.Equal([key.KeyId], published.Keys.Select(k => k.KeyId));
        Assert.Equal(JwsAlgorithm.ES256, key.Algorithm);
        Assert.Empty(Directory.GetFiles(_folder.Combine("data"), "*.tmp"));
    }

    [Fact]
    public void LoadOrCreateDevelopmentKey_SecondUse_LoadsTheSameKey()
    {
        using var first = AuditKeys.LoadOrCreateDevelopmentKey(_folder.Path);

        using var second = AuditKeys.LoadOrCreateDevelopmentKey(_folder.Path);

        Assert.Equal(first.KeyId, second.KeyId);
    }

    [Fact]
    public void LoadOrCreateDevelopmentKey_KeyReadableByOthers_RefusesNamingTheFix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        AuditKeys.LoadOrCreateDevelopmentKey(_folder.Path).Dispose();
        File.SetUnixFileMode(_folder.Combine(AuditKeys.DevelopmentKeyFileName), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<UnauthorizedAccessException>(() => AuditKeys.LoadOrCreateDevelopmentKey(_folder.Path));

        Assert.Contains("chmod 600", error.Message);
    }

    [Fact]
    public void FromPemFile_RsaKey_IsRefusedForCheckpointsAndReceipts()
    {
        var path = _folder.Combine("rsa.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        }

        var error = Assert.ThrowsAny<FormatException>(() => AuditKeys.FromPemFile(path));

        Assert.Contains("P-256", error.Message);
    }
}
