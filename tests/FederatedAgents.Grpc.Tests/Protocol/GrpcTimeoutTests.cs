using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Tests.Protocol;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("700n", 7L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("0m", 0L)]
    public void TryParse_EveryUnit_ReturnsDuration(string header, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("100")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("+5S")]
    [InlineData("5 S")]
    [InlineData("5s")]
    [InlineData("5X")]
    [InlineData("1.5S")]
    [InlineData("٣S")]
    public void TryParse_Malformed_ReturnsFalse(string header) =>
        Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(86_400)]
    [InlineData(10_000_000)]
    public void Format_RoundTrips_WithoutShorteningTheDeadline(double seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);
        var header = GrpcTimeout.Format(timeout);

        Assert.InRange(header.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(header, out var parsed));
        Assert.True(parsed >= timeout, $"{header} parsed to {parsed}, shorter than {timeout}");
    }

    [Fact]
    public void Format_NonPositive_IsOneNanosecond() => Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-1)));
}
