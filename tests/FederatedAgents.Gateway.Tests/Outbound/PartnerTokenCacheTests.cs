using FederatedAgents.Authority.Client;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Testing;

namespace FederatedAgents.Gateway.Tests.Outbound;

public sealed class PartnerTokenCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private int _exchanges;

    [Fact]
    public async Task GetAsync_ConcurrentCallersForOneKey_ShareOneExchange()
    {
        var cache = new PartnerTokenCache(_time);
        var release = new TaskCompletionSource<TokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TokenResult> Exchange()
        {
            Interlocked.Increment(ref _exchanges);
            return release.Task;
        }

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.GetAsync("subject", null, "bureau", Exchange))).ToArray();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        release.SetResult(Token("t1", TimeSpan.FromMinutes(5)));
        var results = await Task.WhenAll(callers).Bounded();

        Assert.Equal(1, _exchanges);
        Assert.All(results, r => Assert.Equal("t1", r.AccessToken));
    }

    [Fact]
    public async Task GetAsync_BeforeAndAfterTheRefreshMargin_ReusesThenExchangesAgain()
    {
        var cache = new PartnerTokenCache(_time);

        var first = await cache.GetAsync("subject", null, "bureau", Next).Bounded();
        _time.Advance(TimeSpan.FromMinutes(4));
        var reused = await cache.GetAsync("subject", null, "bureau", Next).Bounded();
        _time.Advance(TimeSpan.FromSeconds(31));
        var refreshed = await cache.GetAsync("subject", null, "bureau", Next).Bounded();

        Assert.Equal(("t1", "t1", "t2"), (first.AccessToken, reused.AccessToken, refreshed.AccessToken));
    }

    [Fact]
    public async Task GetAsync_SubjectTokenExpiresFirst_NotReusedPastIt()
    {
        var cache = new PartnerTokenCache(_time);

        await cache.GetAsync("subject", _time.GetUtcNow().AddMinutes(1), "bureau", Next).Bounded();
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await cache.GetAsync("subject", _time.GetUtcNow().AddMinutes(1), "bureau", Next).Bounded();

        Assert.Equal("t2", after.AccessToken);
    }

    [Fact]
    public async Task GetAsync_OtherSubjectOrPartner_ExchangesSeparately()
    {
        var cache = new PartnerTokenCache(_time);

        await cache.GetAsync("subject", null, "bureau", Next).Bounded();
        await cache.GetAsync("other", null, "bureau", Next).Bounded();
        await cache.GetAsync("subject", null, "ratings", Next).Bounded();

        Assert.Equal(3, _exchanges);
    }

    [Fact]
    public async Task GetAsync_ExchangeFailed_NextCallerTriesAgain()
    {
        var cache = new PartnerTokenCache(_time);

        await Assert.ThrowsAsync<AuthorityRequestException>(() => cache.GetAsync("subject", null, "bureau", () => throw new AuthorityRequestException("down"))).Bounded();
        var retried = await cache.GetAsync("subject", null, "bureau", Next).Bounded();

        Assert.Equal("t1", retried.AccessToken);
    }

    [Fact]
    public async Task GetAsync_OverCapacity_DropsExpiredEntries()
    {
        var cache = new PartnerTokenCache(_time, capacity: 2);
        await cache.GetAsync("a", null, "bureau", Next).Bounded();
        await cache.GetAsync("b", null, "bureau", Next).Bounded();
        _time.Advance(TimeSpan.FromMinutes(10));

        await cache.GetAsync("c", null, "bureau", Next).Bounded();

        Assert.Equal(1, cache.Count);
    }

    private Task<TokenResult> Next() =>
        Task.FromResult(Token($"t{Interlocked.Increment(ref _exchanges)}", TimeSpan.FromMinutes(5)));

    private static TokenResult Token(string value, TimeSpan lifetime) => new(value, "Bearer", null, lifetime, [], "{}");
}
