using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class StrictBase64UrlTests
{
    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("YQ", new byte[] { 0x61 })]
    [InlineData("-_8", new byte[] { 0xFB, 0xFF })]
    public void Decode_CanonicalText_ReturnsBytes(string text, byte[] expected)
    {
        Assert.Equal(expected, StrictBase64Url.Decode(text));
    }

    [Theory]
    [InlineData("YQ==")]
    [InlineData("Y Q")]
    [InlineData("YQ\n")]
    [InlineData("YR")]
    [InlineData("+_8")]
    [InlineData("/_8")]
    [InlineData("Y")]
    public void Decode_PaddingWhitespaceStandardAlphabetOrNonCanonicalBits_ReturnsNull(string text)
    {
        Assert.Null(StrictBase64Url.Decode(text));
    }
}
