using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>STANDARDS.md: expired or not-yet-valid beyond a small skew is rejected; within the skew is accepted.</summary>
public sealed class TimeRejectionTests
{
    private readonly TestBed _bed = new();

    [Fact]
    public async Task ValidateAsync_ExpiredBeyondSkew_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());
        _bed.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(60));

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Expired, "expired at");
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinSkew_Accepted()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());
        _bed.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));

        var result = await _bed.ValidateAsync(token);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task ValidateAsync_ConfiguredSkew_IsUsed()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());
        _bed.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(10));
        var strict = new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience, ClockSkew = TimeSpan.FromSeconds(5) },
            _bed.Resolver(),
            _bed.Time);

        var result = await strict.CheckAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Expired, "clock skew 5 s");
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeInFutureBeyondSkew_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims["nbf"] = TestBed.Seconds(_bed.Now.AddSeconds(61));

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.NotYetValid, "not valid before");
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeWithinSkew_Accepted()
    {
        var claims = _bed.AccessTokenClaims();
        claims["nbf"] = TestBed.Seconds(_bed.Now.AddSeconds(60));

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task ValidateAsync_IssuedInFutureBeyondSkew_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims["iat"] = TestBed.Seconds(_bed.Now.AddMinutes(2));

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.NotYetValid, "in the future");
    }

    [Fact]
    public async Task ValidateAsync_MissingExp_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims.Remove("exp");

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.MissingClaim, "'exp'");
    }

    [Theory]
    [InlineData("\"1900000000\"")]
    [InlineData("-1")]
    [InlineData("1e300")]
    [InlineData("true")]
    public async Task ValidateAsync_ExpNotANumericDate_Rejected(string exp)
    {
        var claims = _bed.AccessTokenClaims();
        claims["exp"] = System.Text.Json.Nodes.JsonNode.Parse(exp);

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidClaim, "NumericDate");
    }

    [Fact]
    public async Task ValidateAsync_SignedStatementWithoutExp_AcceptedButNbfStillChecked()
    {
        var kind = TokenKind.SignedStatement(TokenTypes.AuditReceipt);
        var claims = new System.Text.Json.Nodes.JsonObject { ["iss"] = TestBed.Issuer, ["iat"] = TestBed.Seconds(_bed.Now) };
        var valid = await _bed.Validator(kind, audience: null).CheckAsync(_bed.Sign(claims, TokenTypes.AuditReceipt));
        claims["nbf"] = TestBed.Seconds(_bed.Now.AddHours(1));

        var early = await _bed.Validator(kind, audience: null).CheckAsync(_bed.Sign(claims, TokenTypes.AuditReceipt));

        Assert.True(valid.IsValid, valid.ToString());
        RejectionAssert.Rejected(early, TokenErrorCode.NotYetValid, "not valid before");
    }
}
