using System.Text.Json;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Issuance;

public sealed class TokenIssuerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly KeyRing _ring = KeyRing.Generate();

    private static TokenDescriptor AccessToken => new()
    {
        Kind = TokenKind.AccessToken,
        Issuer = TestBed.Issuer,
        Subject = "alice",
        Audiences = [TestBed.Audience],
        ClientId = "orchestrator",
        Scopes = ["loans.read", "loans.apply"],
        Lifetime = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task Issue_AccessTokenWithChain_ValidatesWithEveryClaimIntact()
    {
        var descriptor = AccessToken with
        {
            Actors = [new Principal("orchestrator", TestBed.Issuer), new Principal("credit", TestBed.OtherIssuer)],
            MayAct = new Principal("auditor", TestBed.Issuer),
            CertificateThumbprint = "Fmtdn8AGsW3g2JCAnIh7OXjhCq8fGs7sWQn-_tjOtB0",
            TransactionId = "wf-42",
            Purpose = "loan-application",
        };

        var issued = new TokenIssuer(_ring, _time).Issue(descriptor);
        var result = await Validator().CheckAsync(issued.Token);

        Assert.True(result.IsValid, result.ToString());
        var token = result.Token;
        Assert.Equal((issued.JwtId, issued.IssuedAt, issued.ExpiresAt), (token.JwtId, token.IssuedAt, token.ExpiresAt));
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), token.ExpiresAt);
        Assert.Equal(descriptor.Actors, token.Chain!.Actors);
        Assert.Equal(
            (descriptor.MayAct, descriptor.CertificateThumbprint, descriptor.TransactionId, descriptor.Purpose),
            (token.Chain.MayAct, token.Chain.CertificateThumbprint, token.Chain.TransactionId, token.Chain.Purpose));
        Assert.Equal(descriptor.Scopes, token.Scopes);
    }

    [Fact]
    public void Issue_Actors_OutermostActIsTheCurrentActor()
    {
        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken with
        {
            Actors = [new Principal("orchestrator", TestBed.Issuer), new Principal("credit", TestBed.OtherIssuer)],
        });

        var act = TestBed.Part(issued.Token, 1)["act"]!;
        Assert.Equal(("credit", TestBed.OtherIssuer), (act["sub"]!.GetValue<string>(), act["iss"]!.GetValue<string>()));
        Assert.Equal("orchestrator", act["act"]!["sub"]!.GetValue<string>());
        Assert.Null(act["act"]!["act"]);
    }

    [Fact]
    public void Issue_ClaimLayout_FollowsRfc9068()
    {
        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken with
        {
            Audiences = [TestBed.Audience, "https://other.example"],
            IncludeNotBefore = true,
            ExtraClaims = new Dictionary<string, JsonElement> { ["tenant"] = JsonSerializer.SerializeToElement("acme") },
        });

        var header = TestBed.Part(issued.Token, 0);
        var claims = TestBed.Part(issued.Token, 1);
        Assert.Equal(("at+jwt", _ring.Current.KeyId), (header["typ"]!.GetValue<string>(), header["kid"]!.GetValue<string>()));
        Assert.Equal(2, claims["aud"]!.AsArray().Count);
        Assert.Equal("loans.read loans.apply", claims["scope"]!.GetValue<string>());
        Assert.Equal(claims["iat"]!.GetValue<long>(), claims["nbf"]!.GetValue<long>());
        Assert.Equal(claims["iat"]!.GetValue<long>() + 300, claims["exp"]!.GetValue<long>());
        Assert.Equal("acme", claims["tenant"]!.GetValue<string>());
    }

    [Fact]
    public void Issue_TwoTokens_HaveDistinctRandomJwtIds()
    {
        var issuer = new TokenIssuer(_ring, _time);

        var ids = Enumerable.Range(0, 50).Select(_ => issuer.Issue(AccessToken).JwtId).ToList();

        Assert.Equal(50, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(22, id.Length));
    }

    [Fact]
    public void Issue_AfterRotation_SignsWithTheNewCurrentKey()
    {
        var promoted = _ring.Next;
        _ring.Rotate();

        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken);

        Assert.Equal(promoted.KeyId, issued.KeyId);
    }

    [Fact]
    public async Task Issue_SignedStatementWithoutLifetime_HasNoExpAndValidates()
    {
        var kind = TokenKind.SignedStatement(TokenTypes.AuditReceipt);

        var issued = new TokenIssuer(_ring, _time).Issue(new TokenDescriptor { Kind = kind, Issuer = TestBed.Issuer, Lifetime = null });
        var result = await new TokenValidator(new TokenValidatorOptions { Kind = kind }, new KeyRingIssuerKeyResolver(TestBed.Issuer, _ring), _time)
            .CheckAsync(issued.Token);

        Assert.Null(issued.ExpiresAt);
        Assert.False(TestBed.Part(issued.Token, 1).ContainsKey("exp"));
        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [InlineData("access-token-without-lifetime", "must expire")]
    [InlineData("extra-registered", "may not set sub")]
    [InlineData("grant-two-audiences", "exactly one audience")]
    [InlineData("zero-lifetime", "at least one second")]
    [InlineData("scope-with-space", "scopes non-empty without spaces")]
    public void Issue_InconsistentDescriptor_ThrowsSayingWhat(string problem, string message)
    {
        var descriptor = problem switch
        {
            "extra-registered" => AccessToken with { ExtraClaims = new Dictionary<string, JsonElement> { ["sub"] = JsonSerializer.SerializeToElement("x") } },
            "grant-two-audiences" => AccessToken with { Kind = TokenKind.AuthorizationGrant, Audiences = ["https://a.example", "https://b.example"] },
            "zero-lifetime" => AccessToken with { Lifetime = TimeSpan.Zero },
            "access-token-without-lifetime" => AccessToken with { Lifetime = null },
            _ => AccessToken with { Scopes = ["a b"] },
        };

        var error = Assert.Throws<ArgumentException>(() => new TokenIssuer(_ring, _time).Issue(descriptor));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_NotAfterBeforeLifetimeEnds_ExpClippedToIt()
    {
        var notAfter = _time.GetUtcNow().AddSeconds(90);

        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken with { NotAfter = notAfter });

        Assert.Equal(notAfter, issued.ExpiresAt);
        Assert.Equal(TestBed.Seconds(notAfter), TestBed.Part(issued.Token, 1)["exp"]!.GetValue<long>());
    }

    [Fact]
    public void Issue_NotAfterLaterThanLifetime_KeepsLifetime()
    {
        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken with { NotAfter = _time.GetUtcNow().AddHours(1) });

        Assert.Equal(_time.GetUtcNow().AddMinutes(5), issued.ExpiresAt);
    }

    [Fact]
    public void Issue_NotAfterNotInTheFuture_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TokenIssuer(_ring, _time).Issue(AccessToken with { NotAfter = _time.GetUtcNow() }));

        Assert.Contains("born expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_SubjectIdentifierOfAnotherIssuer_ChainSubjectKeepsItsHomeIssuer()
    {
        var home = new Principal("alice", TestBed.OtherIssuer);

        var issued = new TokenIssuer(_ring, _time).Issue(AccessToken with { Subject = home.ToString(), SubjectIdentifier = home });
        var result = await Validator().CheckAsync(issued.Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(home, result.Token.Chain!.Subject);
        Assert.Equal(home.ToString(), result.Token.Subject);
        var subId = TestBed.Part(issued.Token, 1)["sub_id"]!;
        Assert.Equal(("iss_sub", TestBed.OtherIssuer), (subId["format"]!.GetValue<string>(), subId["iss"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Issue_WithOneFixedKey_SignsAClientAssertionWithIt()
    {
        var key = SigningKey.Generate();
        var issued = new TokenIssuer(key, _time).Issue(new TokenDescriptor
        {
            Kind = TokenKind.ClientAssertion,
            Issuer = "orchestrator",
            Subject = "orchestrator",
            Audiences = [TestBed.Issuer],
            Lifetime = TimeSpan.FromMinutes(1),
        });
        var validator = new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.ClientAssertion, Audience = TestBed.Issuer },
            new StaticIssuerKeyResolver(new IssuerKeys("orchestrator", new JsonWebKeySet([key.PublicKey]))),
            _time);

        var result = await validator.CheckAsync(issued.Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(key.KeyId, issued.KeyId);
    }

    private TokenValidator Validator() => new(
        new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience },
        new KeyRingIssuerKeyResolver(TestBed.Issuer, _ring),
        _time);
}
