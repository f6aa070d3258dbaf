using FederatedAgents.Audit.Merkle;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Merkle;

public sealed class OpenSslSha256Tests
{
    [Fact]
    public void Instance_OnLinux_IsLoaded()
    {
        Prerequisite.Require(OperatingSystem.IsLinux(), "Linux", "run on Linux, where .NET's cryptography uses OpenSSL's libcrypto.");

        Assert.NotNull(OpenSslSha256.Instance);
    }

    [Theory]
    [InlineData(0x00, 0)]
    [InlineData(0x01, 64)]
    [InlineData(0x00, 1000)]
    public void Hash_PrefixAndData_EqualsBclSha256(byte prefix, int length)
    {
        Prerequisite.Require(OpenSslSha256.Instance is not null, "OpenSSL libcrypto (libcrypto.so.3 or .so.1.1)", "apt-get install libssl3.");
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        var destination = new byte[Sha256Hash.Length];

        OpenSslSha256.Instance!.Hash(prefix, data, destination);

        Assert.Equal(Sha256Hash.Of([prefix, .. data]), Sha256Hash.FromBytes(destination));
    }
}
