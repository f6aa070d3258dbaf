using System.Security.Cryptography;
using FederatedAgents.Audit.Checkpoints;

namespace FederatedAgents.Audit.Tests.Checkpoints;

public sealed class EcdsaDerSignatureTests
{
    [Fact]
    public void FromFixed_BclSignature_EqualsTheBclsOwnDerEncoding()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "note text\n"u8.ToArray();
        var fixedSignature = key.SignData(data, HashAlgorithmName.SHA256);

        var der = EcdsaDerSignature.FromFixed(fixedSignature);

        Assert.True(key.VerifyData(data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(fixedSignature, EcdsaDerSignature.ToFixed(der));
    }

    [Fact]
    public void ToFixed_SmallCoordinates_LeftPadsToThirtyTwoBytes()
    {
        byte[] der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x7f];

        var fixedSignature = EcdsaDerSignature.ToFixed(der)!;

        Assert.Equal(1, fixedSignature[31]);
        Assert.Equal(0x7f, fixedSignature[63]);
        Assert.Equal(62, fixedSignature.Count(b => b == 0));
    }

    [Theory]
    [InlineData("3006020101020100")]
    [InlineData("30060201ff020101")]
    [InlineData("300702020001020101")]
    [InlineData("3006020101020101ff")]
    [InlineData("3080020101020101 0000")]
    [InlineData("")]
    public void ToFixed_NotStrictDerOfTwoPositiveIntegers_ReturnsNull(string hex)
    {
        Assert.Null(EcdsaDerSignature.ToFixed(Convert.FromHexString(hex.Replace(" ", ""))));
    }
}
