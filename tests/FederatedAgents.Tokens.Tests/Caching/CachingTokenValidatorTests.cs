using FederatedAgents.Tokens.Caching;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Caching;

public sealed class CachingTokenValidatorTests
{
    private readonly TestBed _bed = new();
    private readonly CountingResolver _resolver;

    public CachingTokenValidatorTests() => _resolver = new CountingResolver(_bed.Resolver());

    [Fact]
    public async Task ValidateAsync_SecondTime_ServedFromCacheWithoutKeyLookup()
    {
        var validator = Caching();
        var token = _bed.Sign(_bed.AccessTokenClaims());

        var first = await validator.CheckAsync(token);
        var second = await validator.CheckAsync(token);

        Assert.True(first.IsValid, first.ToString());
        Assert.Same(first, second);
        Assert.Equal(1, _resolver.Lookups);
    }

    [Fact]
    public async Task ValidateAsync_AfterExpiry_NotServedFromCache()
    {
        var validator = Caching();
        var token = _bed.Sign(_bed.AccessTokenClaims());
        await validator.CheckAsync(token);

        _bed.Time.Advance(TimeSpan.FromMinutes(7));
        var result = await validator.CheckAsync(token);

        Assert.Equal(TokenErrorCode.Expired, result.Error?.Code);
        Assert.Equal(0, validator.Cache.Count);
    }

    [Fact]
    public async Task ValidateAsync_JustBeforeExpiry_StillServedFromCache()
    {
        var validator = Caching();
        var token = _bed.Sign(_bed.AccessTokenClaims());
        await validator.CheckAsync(token);

        _bed.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var result = await validator.CheckAsync(token);

        Assert.True(result.IsValid);
        Assert.Equal(1, _resolver.Lookups);
    }

    [Fact]
    public async Task ValidateAsync_Rejection_IsNotCached()
    {
        var validator = Caching();
        var claims = _bed.AccessTokenClaims();
        claims["aud"] = "https://elsewhere.example";
        var token = _bed.Sign(claims);

        await validator.CheckAsync(token);
        var again = await validator.CheckAsync(token);

        Assert.Equal(TokenErrorCode.WrongAudience, again.Error?.Code);
        Assert.Equal(0, validator.Cache.Count);
    }

    [Fact]
    public async Task ValidateAsync_MoreTokensThanCapacity_StaysBounded()
    {
        var validator = Caching(capacity: 10);

        for (var i = 0; i < 35; i++)
        {
            var claims = _bed.AccessTokenClaims();
            claims["jti"] = $"jti-{i}";
            Assert.True((await validator.CheckAsync(_bed.Sign(claims))).IsValid);
            Assert.InRange(validator.Cache.Count, 1, 10);
        }
    }

    [Fact]
    public async Task ValidateAsync_WhenFull_EvictsExpiredEntriesFirst()
    {
        var validator = Caching(capacity: 3);
        await CachedToken(validator, lifetime: TimeSpan.FromMinutes(1));
        var threeMinutes = await CachedToken(validator, lifetime: TimeSpan.FromMinutes(3));
        var nineMinutes = await CachedToken(validator, lifetime: TimeSpan.FromMinutes(9));
        _bed.Time.Advance(TimeSpan.FromMinutes(2));

        await CachedToken(validator, lifetime: TimeSpan.FromMinutes(9));
        var lookups = _resolver.Lookups;
        await validator.CheckAsync(threeMinutes);
        await validator.CheckAsync(nineMinutes);

        Assert.Equal(lookups, _resolver.Lookups);
    }

    [Fact]
    public async Task ValidateAsync_WhenFullOfLiveEntries_EvictsTheOneClosestToExpiry()
    {
        var validator = Caching(capacity: 3);
        var threeMinutes = await CachedToken(validator, lifetime: TimeSpan.FromMinutes(3));
        var sixMinutes = await CachedToken(validator, lifetime: TimeSpan.FromMinutes(6));
        var nineMinutes = await CachedToken(validator, lifetime: TimeSpan.FromMinutes(9));

        await CachedToken(validator, lifetime: TimeSpan.FromMinutes(9));
        var lookups = _resolver.Lookups;
        await validator.CheckAsync(sixMinutes);
        await validator.CheckAsync(nineMinutes);
        var afterHits = _resolver.Lookups;
        await validator.CheckAsync(threeMinutes);

        Assert.Equal(lookups, afterHits);
        Assert.Equal(lookups + 1, _resolver.Lookups);
    }

    [Fact]
    public async Task ValidateAsync_NonAsciiOrOversizedInput_BypassesCacheAndIsRejected()
    {
        var validator = Caching();
        var token = _bed.Sign(_bed.AccessTokenClaims());

        var nonAscii = await validator.CheckAsync(token + "é");
        var oversized = await validator.CheckAsync(token + new string('A', 9000));

        Assert.Equal(TokenErrorCode.Malformed, nonAscii.Error?.Code);
        Assert.Equal(TokenErrorCode.TooLarge, oversized.Error?.Code);
        Assert.Equal(0, validator.Cache.Count);
    }

    private async Task<string> CachedToken(CachingTokenValidator validator, TimeSpan lifetime)
    {
        var claims = _bed.AccessTokenClaims();
        claims["jti"] = Guid.NewGuid().ToString();
        claims["exp"] = TestBed.Seconds(_bed.Now + lifetime);
        var token = _bed.Sign(claims);
        Assert.True((await validator.CheckAsync(token)).IsValid);
        return token;
    }

    private CachingTokenValidator Caching(int capacity = CachingTokenValidator.DefaultCapacity) =>
        new(new TokenValidator(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience }, _resolver, _bed.Time), capacity);

    private sealed class CountingResolver(IIssuerKeyResolver inner) : IIssuerKeyResolver
    {
        private int _lookups;

        public int Lookups => _lookups;

        public ValueTask<IssuerKeys?> GetKeysAsync(string issuer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            return inner.GetKeysAsync(issuer, cancellationToken);
        }

        public ValueTask<IssuerKeys?> RefreshKeysAsync(string issuer, CancellationToken cancellationToken) =>
            inner.RefreshKeysAsync(issuer, cancellationToken);
    }
}
