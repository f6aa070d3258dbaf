using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Tests.Protocol;

public class MetadataHeadersTests
{
    [Fact]
    public void ToHeaderValue_Binary_IsUnpaddedBase64()
    {
        var entry = new Metadata.Entry("trace-bin", [0xab, 0xab, 0xab, 0xab]);
        Assert.Equal("q6urqw", MetadataHeaders.ToHeaderValue(entry));
    }

    [Theory]
    [InlineData("q6urqw")]
    [InlineData("q6urqw==")]
    public void AddReceived_BinaryPaddedOrNot_Decodes(string value)
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, "trace-bin", [value]);
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab, 0xab }, metadata.GetValueBytes("trace-bin"));
    }

    [Fact]
    public void AddReceived_CommaJoinedBinary_SplitsBeforeDecoding()
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, "x-bin", ["AQ, Ag=="]);
        Assert.Equal([[1], [2]], metadata.GetAll("x-bin").Select(e => e.ValueBytes).ToArray());
    }

    [Theory]
    [InlineData(":path")]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData("grpc-timeout")]
    [InlineData("grpc-status")]
    [InlineData("grpc-message")]
    public void AddReceived_ReservedHeader_IsNotMetadata(string name)
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, name, ["x"]);
        Assert.Empty(metadata);
    }

    [Fact]
    public void AddReceived_InvalidBase64_DroppedNotThrown()
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, "x-bin", ["!!not base64!!"]);
        Assert.Empty(metadata);
    }

    [Fact]
    public void Entry_TextValueOutsidePrintableAscii_Rejected() =>
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x", "caf\u00e9"));

    [Fact]
    public void Entry_KeyWithUppercase_IsLowercased() => Assert.Equal("x-user", new Metadata.Entry("X-User", "a").Key);

    [Fact]
    public void Entry_KeyWithInvalidCharacter_Rejected() =>
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("bad key", "a"));
}
