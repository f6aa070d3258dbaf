using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Testing;

namespace FederatedAgents.Certificates.Tests.Development;

public sealed class DevCertificatesTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EnsureAsync_EmptyFolder_CreatesCaAndFourFilesPerOrganization()
    {
        var set = await EnsureAsync("bank", "bureau");

        string[] expected =
        [
            "ca.crt", "ca.key",
            "bank/server.crt", "bank/server.key", "bank/client.crt", "bank/client.key",
            "bureau/server.crt", "bureau/server.key", "bureau/client.crt", "bureau/client.key",
        ];
        Assert.Equal(expected, set.Files.Select(f => Path.GetRelativePath(_temp.Path, f.Path)));
        Assert.All(set.Files, file => Assert.Equal(DevCertificateStatus.Created, file.Status));
        Assert.All(set.Files, file => Assert.True(File.Exists(file.Path), file.Path));
        Assert.Equal(_temp.Combine("bureau", "client.key"), set["bureau"].Client.KeyPath);
    }

    [Fact]
    public async Task EnsureAsync_SecondRun_KeepsEveryFileByteIdentical()
    {
        var first = await EnsureAsync("bank", "bureau");
        var before = first.Files.ToDictionary(f => f.Path, f => File.ReadAllBytes(f.Path));

        var second = await EnsureAsync("bank", "bureau");

        Assert.All(second.Files, file => Assert.Equal(DevCertificateStatus.Kept, file.Status));
        Assert.All(second.Files, file => Assert.Equal(before[file.Path], File.ReadAllBytes(file.Path)));
    }

    [Fact]
    public async Task EnsureAsync_NewOrganizationLater_IssuesItFromTheKeptCa()
    {
        await EnsureAsync("bank");

        var set = await EnsureAsync("bank", "insurer");

        Assert.Equal(DevCertificateStatus.Kept, Status(set, "ca.crt"));
        Assert.Equal(DevCertificateStatus.Created, Status(set, "insurer/server.crt"));
        using var server = set["insurer"].Server.Load();
        Assert.True(Trust(set).Validate(server, CertificateUsage.Server).IsTrusted);
    }

    [Fact]
    public async Task EnsureAsync_PrivateKeys_AreReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        var set = await EnsureAsync("bank");

        foreach (var file in set.Files)
        {
            var expected = file.Path.EndsWith(".key", StringComparison.Ordinal)
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            Assert.Equal(expected, File.GetUnixFileMode(file.Path));
        }
    }

    [Fact]
    public async Task EnsureAsync_LeafWithin30DaysOfExpiry_IsReissuedAndSaysWhy()
    {
        var first = await EnsureAsync("bank");
        var oldServer = File.ReadAllBytes(first["bank"].Server.CertificatePath);
        _time.Advance(TimeSpan.FromDays(340));

        var set = await EnsureAsync("bank");

        Assert.Equal(DevCertificateStatus.Kept, Status(set, "ca.crt"));
        var reissued = set.Files.Single(f => f.Path == set["bank"].Server.CertificatePath);
        Assert.Equal(DevCertificateStatus.Reissued, reissued.Status);
        Assert.Contains("within 30 days", reissued.Reason);
        Assert.NotEqual(oldServer, File.ReadAllBytes(reissued.Path));
        using var server = set["bank"].Server.Load();
        Assert.True(Trust(set).Validate(server, CertificateUsage.Server).IsTrusted);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromDays(365), new DateTimeOffset(server.NotAfter), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task EnsureAsync_ExpiredLeaf_IsReissued()
    {
        await EnsureAsync("bank");
        _time.Advance(TimeSpan.FromDays(400));

        var set = await EnsureAsync("bank");

        var client = set.Files.Single(f => f.Path == set["bank"].Client.CertificatePath);
        Assert.Equal(DevCertificateStatus.Reissued, client.Status);
        Assert.StartsWith("expired ", client.Reason);
    }

    [Fact]
    public async Task EnsureAsync_CaNearItsEnd_RefusesWithoutOverwrite()
    {
        await EnsureAsync("bank");
        _time.Advance(TimeSpan.FromDays((5 * 365) - 10));

        var conflict = await Assert.ThrowsAsync<DevCertificateConflictException>(() => EnsureAsync("bank"));

        Assert.Contains(conflict.Problems, p => p.StartsWith("ca.crt: expires", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_ConcurrentCallers_AgreeOnOneCa()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EnsureAsync("bank"))).Bounded();

        Assert.Single(runs, run => Status(run, "ca.crt") == DevCertificateStatus.Created);
        var trust = Trust(runs[0]);
        using var server = runs[0]["bank"].Server.Load();
        Assert.True(trust.Validate(server, CertificateUsage.Server).IsTrusted);
    }

    [Fact]
    public void DefaultFolder_InsideRepository_IsCertsDevAtTheRoot()
    {
        var folder = DevCertificates.DefaultFolder(RepoPaths.Combine("src", "FederatedAgents.Cli"));

        Assert.Equal(RepoPaths.Combine("certs-dev"), folder);
    }

    [Fact]
    public void DefaultFolder_OutsideRepository_IsUnderTheWorkingDirectory()
    {
        Assert.Equal(_temp.Combine("certs-dev"), DevCertificates.DefaultFolder(_temp.Path));
    }

    private Task<DevCertificateSet> EnsureAsync(params string[] organizations) =>
        TestDevCertificates.EnsureAsync(_temp.Path, organizations, _time);

    private CertificateTrust Trust(DevCertificateSet set) => CertificateTrust.FromFile(set.Authority.CertificatePath, _time);

    private DevCertificateStatus Status(DevCertificateSet set, string relativePath) =>
        set.Files.Single(f => f.Path == _temp.Combine(relativePath.Split('/'))).Status;
}
