using FederatedAgents.Testing;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Keys;

public sealed class KeyRingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Generate_PublishesCurrentAndNext()
    {
        var ring = KeyRing.Generate();

        Assert.Null(ring.Previous);
        Assert.Equal([ring.Current.KeyId, ring.Next.KeyId], ring.PublicKeys.Keys.Select(k => k.KeyId));
    }

    [Fact]
    public void Rotate_PromotesNextAndPublishesPreviousCurrentAndNext()
    {
        var ring = KeyRing.Generate();
        var (oldCurrent, oldNext) = (ring.Current, ring.Next);

        ring.Rotate();

        Assert.Same(oldCurrent, ring.Previous);
        Assert.Same(oldNext, ring.Current);
        Assert.Equal(3, ring.PublicKeys.Keys.Count);
        Assert.Equal(
            new[] { oldNext.KeyId, ring.Next.KeyId, oldCurrent.KeyId }.Order(),
            ring.PublicKeys.Keys.Select(k => k.KeyId).Order());
    }

    [Fact]
    public void Rotate_Twice_RetiresTheOldestKey()
    {
        var ring = KeyRing.Generate();
        var first = ring.Current;

        ring.Rotate();
        ring.Rotate();

        Assert.False(ring.PublicKeys.TryFindKey(first.KeyId, out _));
        Assert.Equal(3, ring.PublicKeys.Keys.Count);
    }

    [Fact]
    public async Task Rotate_TokenSignedByPreviousKey_StillValidates()
    {
        var ring = KeyRing.Generate();
        var token = Issue(ring);

        ring.Rotate();

        var result = await Validator(new KeyRingIssuerKeyResolver(TestBed.Issuer, ring)).CheckAsync(token.Token);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(ring.Previous!.KeyId, result.Token.KeyId);
    }

    [Fact]
    public async Task Rotate_VerifierHoldingJwksFromBeforeRotation_AcceptsTokensOfTheNewCurrentKey()
    {
        var ring = KeyRing.Generate();
        var cachedByVerifier = new StaticIssuerKeyResolver(new IssuerKeys(TestBed.Issuer, ring.PublicKeys));

        ring.Rotate();
        var result = await Validator(cachedByVerifier).CheckAsync(Issue(ring).Token);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Constructor_KeysSharingAKid_Throws()
    {
        var key = SigningKey.Generate();

        Assert.Throws<ArgumentException>(() => new KeyRing(key, key));
    }

    private IssuedToken Issue(KeyRing ring) => new TokenIssuer(ring, _time).Issue(new TokenDescriptor
    {
        Kind = TokenKind.AccessToken,
        Issuer = TestBed.Issuer,
        Subject = "alice",
        Audiences = [TestBed.Audience],
        ClientId = "orchestrator",
        Lifetime = TimeSpan.FromMinutes(5),
    });

    private TokenValidator Validator(IIssuerKeyResolver resolver) =>
        new(new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience }, resolver, _time);
}
