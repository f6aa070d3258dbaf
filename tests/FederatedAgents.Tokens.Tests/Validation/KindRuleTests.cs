using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>The authorization grant and client assertion kinds: single audience, short lifetime, client identity rules.</summary>
public sealed class KindRuleTests
{
    private const string ClientId = "gateway-client";

    private readonly TestBed _bed = new();

    [Fact]
    public async Task ValidateAsync_ValidGrant_Accepted()
    {
        var result = await _bed.ValidateAsync(_bed.Sign(GrantClaims(), TokenTypes.AuthorizationGrant), TokenKind.AuthorizationGrant);

        Assert.True(result.IsValid, result.ToString());
        Assert.Same(TokenKind.AuthorizationGrant, result.Token.Kind);
    }

    [Fact]
    public async Task ValidateAsync_GrantWithTwoAudiences_Rejected()
    {
        var claims = GrantClaims();
        claims["aud"] = new JsonArray(TestBed.Audience, "https://auth.third.example");

        var result = await _bed.ValidateAsync(_bed.Sign(claims, TokenTypes.AuthorizationGrant), TokenKind.AuthorizationGrant);

        RejectionAssert.Rejected(result, TokenErrorCode.WrongAudience, "exactly one audience");
    }

    [Fact]
    public async Task ValidateAsync_GrantLivingLongerThanAllowed_Rejected()
    {
        var claims = GrantClaims();
        claims["exp"] = TestBed.Seconds(_bed.Now.AddMinutes(30));

        var result = await _bed.ValidateAsync(_bed.Sign(claims, TokenTypes.AuthorizationGrant), TokenKind.AuthorizationGrant);

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "at most 300 s; this one lives 1800 s");
    }

    [Fact]
    public async Task ValidateAsync_GrantWithoutJti_Rejected()
    {
        var claims = GrantClaims();
        claims.Remove("jti");

        var result = await _bed.ValidateAsync(_bed.Sign(claims, TokenTypes.AuthorizationGrant), TokenKind.AuthorizationGrant);

        RejectionAssert.Rejected(result, TokenErrorCode.MissingClaim, "'jti'");
    }

    [Fact]
    public async Task ValidateAsync_ValidClientAssertion_Accepted()
    {
        var result = await AssertionValidator().CheckAsync(_bed.Sign(AssertionClaims(), TokenTypes.ClientAssertion));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(ClientId, result.Token.Issuer);
    }

    [Theory]
    [InlineData("sub", "someone-else")]
    [InlineData("client_id", "someone-else")]
    public async Task ValidateAsync_ClientAssertionWhoseIdentitiesDiffer_Rejected(string claim, string value)
    {
        var claims = AssertionClaims();
        claims[claim] = value;

        var result = await AssertionValidator().CheckAsync(_bed.Sign(claims, TokenTypes.ClientAssertion));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "iss = sub");
    }

    [Fact]
    public async Task ValidateAsync_ClientAssertionForTokenEndpointInsteadOfIssuer_Rejected()
    {
        var claims = AssertionClaims();
        claims["aud"] = TestBed.Issuer + "/token";

        var result = await AssertionValidator().CheckAsync(_bed.Sign(claims, TokenTypes.ClientAssertion));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongAudience, $"not '{TestBed.Issuer}'");
    }

    [Fact]
    public async Task ValidateAsync_ClientAssertionWithoutIatLivingTooLong_Rejected()
    {
        var claims = AssertionClaims();
        claims.Remove("iat");
        claims["exp"] = TestBed.Seconds(_bed.Now.AddHours(1));

        var result = await AssertionValidator().CheckAsync(_bed.Sign(claims, TokenTypes.ClientAssertion));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "at most 300 s");
    }

    [Fact]
    public void Constructor_AccessTokenWithoutAudience_ThrowsNamingOption()
    {
        var error = Assert.Throws<ArgumentException>(() => _bed.Validator(TokenKind.AccessToken, audience: null));

        Assert.Contains("Audience is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"https://gateway.bank.example\"")]
    [InlineData("[\"https://a.example\",\"https://b.example\"]")]
    public async Task ValidateAsync_AcceptAnyAudience_AcceptsWhateverAudienceIsNamed(string aud)
    {
        var claims = _bed.AccessTokenClaims();
        claims["aud"] = JsonNode.Parse(aud);

        var result = await AnyAudienceValidator().CheckAsync(_bed.Sign(claims));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task ValidateAsync_AcceptAnyAudienceButNoAud_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims.Remove("aud");

        var result = await AnyAudienceValidator().CheckAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongAudience, "no 'aud'");
    }

    [Fact]
    public void Constructor_AcceptAnyAudienceAndAudience_ThrowsNamingBoth()
    {
        var options = new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience, AcceptAnyAudience = true };

        var error = Assert.Throws<ArgumentException>(() => new TokenValidator(options, _bed.Resolver(), _bed.Time));

        Assert.Contains("AcceptAnyAudience and Audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyIssuerList_ThrowsNamingOption()
    {
        var options = new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience, Issuers = [] };

        var error = Assert.Throws<ArgumentException>(() => new TokenValidator(options, _bed.Resolver(), _bed.Time));

        Assert.Contains("Issuers is empty", error.Message, StringComparison.Ordinal);
    }

    private TokenValidator AnyAudienceValidator() =>
        new(new TokenValidatorOptions { Kind = TokenKind.AccessToken, AcceptAnyAudience = true }, _bed.Resolver(), _bed.Time);

    private JsonObject GrantClaims()
    {
        var claims = _bed.AccessTokenClaims();
        claims["exp"] = TestBed.Seconds(_bed.Now.AddMinutes(2));
        return claims;
    }

    /// <summary>A client assertion from a client whose keys are registered as "issuer" <see cref="ClientId"/>.</summary>
    private JsonObject AssertionClaims() => new()
    {
        ["iss"] = ClientId,
        ["sub"] = ClientId,
        ["aud"] = TestBed.Issuer,
        ["iat"] = TestBed.Seconds(_bed.Now),
        ["exp"] = TestBed.Seconds(_bed.Now.AddSeconds(60)),
        ["jti"] = "assertion-1",
    };

    private TokenValidator AssertionValidator() => new(
        new TokenValidatorOptions { Kind = TokenKind.ClientAssertion, Audience = TestBed.Issuer },
        new StaticIssuerKeyResolver(new IssuerKeys(ClientId, new JsonWebKeySet([_bed.Key.PublicKey]))),
        _bed.Time);
}
