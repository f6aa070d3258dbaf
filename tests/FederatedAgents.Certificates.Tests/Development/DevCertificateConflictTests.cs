using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Development;

public sealed class DevCertificateConflictTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EnsureAsync_CaReplacedByAnotherCa_RefusesAndChangesNothing()
    {
        var set = await EnsureAsync(_temp.Combine("mine"));
        var other = await EnsureAsync(_temp.Combine("other"));
        File.Copy(other.Authority.CertificatePath, set.Authority.CertificatePath, overwrite: true);
        File.Copy(other.Authority.KeyPath, set.Authority.KeyPath, overwrite: true);
        var before = Snapshot(set);

        var conflict = await Assert.ThrowsAsync<DevCertificateConflictException>(() => EnsureAsync(set.Folder));

        Assert.Contains(conflict.Problems, p => p.StartsWith("bank/server.crt: ", StringComparison.Ordinal) && p.Contains("not trusted"));
        Assert.Contains(conflict.Problems, p => p.StartsWith("bank/client.crt: ", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(set));
    }

    [Fact]
    public async Task EnsureAsync_CaKeyOfAnotherCa_RefusesNamingTheMismatch()
    {
        var set = await EnsureAsync(_temp.Combine("mine"));
        var other = await EnsureAsync(_temp.Combine("other"));
        File.Copy(other.Authority.KeyPath, set.Authority.KeyPath, overwrite: true);

        var conflict = await Assert.ThrowsAsync<DevCertificateConflictException>(() => EnsureAsync(set.Folder));

        Assert.Contains(conflict.Problems, p => p.StartsWith("ca.crt: ", StringComparison.Ordinal) && p.Contains("ca.key"));
    }

    [Fact]
    public async Task EnsureAsync_CaKeyMissing_RefusesNamingTheMissingFile()
    {
        var set = await EnsureAsync(_temp.Path);
        File.Delete(set.Authority.KeyPath);

        var conflict = await Assert.ThrowsAsync<DevCertificateConflictException>(() => EnsureAsync(set.Folder));

        Assert.Contains("ca.key is missing", conflict.Message);
        Assert.False(File.Exists(set.Authority.KeyPath));
    }

    [Fact]
    public async Task EnsureAsync_CaGoneButLeavesLeft_RefusesToOrphanThem()
    {
        var set = await EnsureAsync(_temp.Path);
        File.Delete(set.Authority.CertificatePath);
        File.Delete(set.Authority.KeyPath);

        var conflict = await Assert.ThrowsAsync<DevCertificateConflictException>(() => EnsureAsync(set.Folder));

        Assert.Contains(conflict.Problems, p => p.StartsWith("bank/server.crt: ", StringComparison.Ordinal) && p.Contains("CA that issued it is gone"));
        Assert.False(File.Exists(set.Authority.CertificatePath));
    }

    [Fact]
    public async Task EnsureAsync_Overwrite_RegeneratesCaAndLeavesWithOwnerOnlyKeys()
    {
        var set = await EnsureAsync(_temp.Path);
        var oldCa = File.ReadAllBytes(set.Authority.CertificatePath);
        File.Delete(set.Authority.KeyPath);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(set["bank"].Server.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var regenerated = await TestDevCertificates.EnsureAsync(set.Folder, ["bank"], overwrite: true);

        Assert.All(regenerated.Files, file => Assert.Equal(DevCertificateStatus.Replaced, file.Status));
        Assert.NotEqual(oldCa, File.ReadAllBytes(set.Authority.CertificatePath));
        using var server = set["bank"].Server.Load();
        Assert.True(CertificateTrust.FromFile(set.Authority.CertificatePath).Validate(server, CertificateUsage.Server).IsTrusted);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(set["bank"].Server.KeyPath));
        }
    }

    [Theory]
    [InlineData("Bank")]
    [InlineData("-bank")]
    [InlineData("bank-")]
    [InlineData("bank_1")]
    [InlineData("bank.example")]
    [InlineData("")]
    [InlineData("bank\n")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task EnsureAsync_InvalidOrganizationName_ThrowsNamingItAndWritesNothing(string name)
    {
        var folder = _temp.Combine("certs");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EnsureAsync(folder, name));

        Assert.Contains($"'{name}' is not a valid organization name", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    private static Task<DevCertificateSet> EnsureAsync(string folder, string organization = "bank") =>
        TestDevCertificates.EnsureAsync(folder, [organization]);

    private static Dictionary<string, byte[]> Snapshot(DevCertificateSet set) =>
        set.Files.Select(f => f.Path).ToDictionary(path => path, File.ReadAllBytes);
}
