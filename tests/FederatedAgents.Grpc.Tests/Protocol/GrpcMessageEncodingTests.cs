using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Tests.Protocol;

public class GrpcMessageEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak\ttab", "line%0Abreak%09tab")]
    [InlineData("\u00e9", "%C3%A9")]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n",
        "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A")]
    public void Encode_UsesUppercasePercentEscapesOfUtf8(string message, string expected) =>
        Assert.Equal(expected, GrpcMessageEncoding.Encode(message));

    [Theory]
    [InlineData("a%")]
    [InlineData("%G0 and %4")]
    [InlineData("%C3")]
    public void Decode_MalformedInput_NeverThrows(string encoded) =>
        Assert.NotNull(GrpcMessageEncoding.Decode(encoded));

    [Fact]
    public void Decode_InvalidEscape_KeptLiterally() =>
        Assert.Equal("50%zz done", GrpcMessageEncoding.Decode("50%zz done"));

    [Fact]
    public void Decode_LowercaseHex_Accepted() => Assert.Equal("\u00e9", GrpcMessageEncoding.Decode("%c3%a9"));

    [Theory]
    [InlineData("")]
    [InlineData("status: \u263a 100% \r\n done")]
    public void EncodeThenDecode_RoundTrips(string message) =>
        Assert.Equal(message, GrpcMessageEncoding.Decode(GrpcMessageEncoding.Encode(message)));
}
