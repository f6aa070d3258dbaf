using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>Exact issuer and audience, required claims of each kind, claim types, kind-specific rules.</summary>
public sealed class ClaimRejectionTests
{
    private readonly TestBed _bed = new();

    [Theory]
    [InlineData("sub")]
    [InlineData("client_id")]
    [InlineData("iat")]
    [InlineData("jti")]
    public async Task ValidateAsync_AccessTokenWithoutRequiredClaim_Rejected(string claim)
    {
        var claims = _bed.AccessTokenClaims();
        claims.Remove(claim);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.MissingClaim, $"'{claim}'");
    }

    [Theory]
    [InlineData("https://auth.bank.example/")]
    [InlineData("HTTPS://AUTH.BANK.EXAMPLE")]
    [InlineData("https://auth.bank.example.attacker.example")]
    public async Task ValidateAsync_IssuerNotExactlyExpected_Rejected(string issuer)
    {
        var claims = _bed.AccessTokenClaims();
        claims["iss"] = issuer;
        var validator = new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience, Issuers = [TestBed.Issuer] },
            _bed.Resolver(),
            _bed.Time);

        var result = await validator.CheckAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.UntrustedIssuer, "not accepted here");
    }

    [Fact]
    public async Task ValidateAsync_MissingIssuer_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims.Remove("iss");

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.UntrustedIssuer, "no 'iss'");
    }

    [Theory]
    [InlineData("\"https://gateway.bureau.example\"")]
    [InlineData("\"https://gateway.bank.example/\"")]
    [InlineData("[\"https://a.example\",\"https://b.example\"]")]
    public async Task ValidateAsync_AudienceNotContainingExpected_Rejected(string aud)
    {
        var claims = _bed.AccessTokenClaims();
        claims["aud"] = JsonNode.Parse(aud);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongAudience, $"not '{TestBed.Audience}'");
    }

    [Fact]
    public async Task ValidateAsync_AccessTokenAudienceArrayContainingExpected_Accepted()
    {
        var claims = _bed.AccessTokenClaims();
        claims["aud"] = new JsonArray("https://other.example", TestBed.Audience);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(["https://other.example", TestBed.Audience], result.Token.Audiences);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1]")]
    [InlineData("\"\"")]
    [InlineData("{}")]
    public async Task ValidateAsync_MalformedAudience_Rejected(string aud)
    {
        var claims = _bed.AccessTokenClaims();
        claims["aud"] = JsonNode.Parse(aud);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "'aud'");
    }

    [Fact]
    public async Task ValidateAsync_MissingAudience_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims.Remove("aud");

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongAudience, "no 'aud'");
    }

    [Theory]
    [InlineData("sub", "1")]
    [InlineData("scope", "[\"a\"]")]
    [InlineData("client_id", "\"\"")]
    public async Task ValidateAsync_ClaimOfWrongType_Rejected(string claim, string value)
    {
        var claims = _bed.AccessTokenClaims();
        claims[claim] = JsonNode.Parse(value);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, $"'{claim}'");
    }

    [Fact]
    public async Task ValidateAsync_EscapedLoneSurrogate_Rejected()
    {
        var claims = _bed.AccessTokenClaims().ToJsonString().Replace("\"alice\"", "\"\\ud800\"", StringComparison.Ordinal);

        var result = await _bed.ValidateAsync(TestBed.Forge(TestBed.Header(_bed.Key).ToJsonString(), claims, _bed.Key));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "'sub'");
    }

    [Theory]
    [InlineData("{\"iss\":\"x\"}", "'act (level 1)'")]
    [InlineData("{\"sub\":\"a\",\"act\":\"b\"}", "'act (level 2)'")]
    [InlineData("{\"sub\":\"a\",\"iss\":7}", "'iss'")]
    public async Task ValidateAsync_MalformedActChain_Rejected(string act, string mentions)
    {
        var claims = _bed.AccessTokenClaims();
        claims["act"] = JsonNode.Parse(act);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, mentions);
    }

    [Theory]
    [InlineData("{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}")]
    [InlineData("{\"x5t#S256\":5}")]
    [InlineData("\"x\"")]
    public async Task ValidateAsync_ConfirmationWithoutCertificateThumbprint_Rejected(string cnf)
    {
        var claims = _bed.AccessTokenClaims();
        claims["cnf"] = JsonNode.Parse(cnf);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "x5t#S256");
    }
    [Theory]
    [InlineData("\"alice@https://auth.bureau.example\"", "'format'")]
    [InlineData("{\"sub\":\"alice\",\"iss\":\"https://auth.bureau.example\"}", "'format'")]
    [InlineData("{\"format\":\"iss_sub\",\"sub\":\"alice\"}", "'iss'")]
    [InlineData("{\"format\":\"iss_sub\",\"iss\":\"https://auth.bureau.example\"}", "'sub'")]
    [InlineData("{\"format\":\"iss_sub\",\"sub\":\"alice\",\"iss\":7}", "'iss'")]
    public async Task ValidateAsync_MalformedSubjectIdentifier_Rejected(string subId, string mentions)
    {
        var claims = _bed.AccessTokenClaims();
        claims["sub_id"] = JsonNode.Parse(subId);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, mentions);
    }

    [Fact]
    public async Task ValidateAsync_SubjectIdentifierOfAnotherFormat_SubjectStaysTheTokenIssuers()
    {
        var claims = _bed.AccessTokenClaims();
        claims["sub_id"] = new JsonObject { ["format"] = "email", ["email"] = "alice@bank.example" };

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TestBed.Issuer, result.Token.Chain!.Subject.Issuer);
    }
}
