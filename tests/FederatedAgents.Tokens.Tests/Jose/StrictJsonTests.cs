using System.Text;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"b\":1,\"b\":2}}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"a\":[{\"b\":1},{\"c\":1,\"c\":1}]}")]
    public void ParseObject_DuplicateMemberAtAnyDepth_Rejected(string json)
    {
        var parsed = StrictJson.ParseObject(Encoding.UTF8.GetBytes(json), out var problem);

        Assert.Null(parsed);
        Assert.Contains("Duplicate property", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_InvalidUtf8InsideAString_Rejected()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8];

        Assert.Null(StrictJson.ParseObject(json, out var problem));
        Assert.Equal("is not valid UTF-8", problem);
    }

    [Fact]
    public void ParseObject_TooDeep_Rejected()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        Assert.Null(StrictJson.ParseObject(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.Contains("depth", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ParseObject_StrictObject_ParsedAndDetachedFromBuffer()
    {
        var buffer = Encoding.UTF8.GetBytes("{\"a\":\"é\",\"b\":[1,2]}");

        var parsed = StrictJson.ParseObject(buffer, out _);
        buffer.AsSpan().Clear();

        Assert.Equal("é", parsed!.Value.GetProperty("a").GetString());
    }

    [Fact]
    public void TryGetOptionalString_PresentWithOtherKind_ReturnsFalse()
    {
        var element = StrictJson.ParseObject("{\"a\":1,\"b\":\"x\"}"u8.ToArray(), out _)!.Value;

        Assert.False(StrictJson.TryGetOptionalString(element, "a", out _));
        Assert.True(StrictJson.TryGetOptionalString(element, "b", out var b));
        Assert.True(StrictJson.TryGetOptionalString(element, "c", out var c));
        Assert.Equal("x", b);
        Assert.Null(c);
    }
}
