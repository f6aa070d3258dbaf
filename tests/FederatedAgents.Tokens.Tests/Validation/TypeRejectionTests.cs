using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>STANDARDS.md: a token of another kind (typ) is rejected; each kind has its own typ.</summary>
public sealed class TypeRejectionTests
{
    private readonly TestBed _bed = new();

    public static TheoryData<string> ForeignTypes =>
    [
        "JWT",
        "jwt",
        TokenTypes.AuthorizationGrant,
        TokenTypes.ClientAssertion,
        TokenTypes.AuditReceipt,
        "txntoken+jwt",
        "application/jwt",
        "at+jwt+extra",
    ];

    [Theory]
    [MemberData(nameof(ForeignTypes))]
    public async Task ValidateAsync_AccessTokenValidatorGivenOtherTyp_Rejected(string typ)
    {
        var result = await _bed.ValidateAsync(_bed.Sign(_bed.AccessTokenClaims(), typ));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongType, "must have typ 'at+jwt'");
    }

    [Fact]
    public async Task ValidateAsync_MissingTyp_Rejected()
    {
        var header = TestBed.Header(_bed.Key);
        header.Remove("typ");

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongType, "typ is missing");
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("AT+JWT")]
    [InlineData("application/at+jwt")]
    [InlineData("Application/At+Jwt")]
    public async Task ValidateAsync_AccessTokenTypInEquivalentSpellings_Accepted(string typ)
    {
        var result = await _bed.ValidateAsync(_bed.Sign(_bed.AccessTokenClaims(), typ));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task ValidateAsync_AccessTokenPresentedAsGrant_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());

        var result = await _bed.ValidateAsync(token, TokenKind.AuthorizationGrant);

        RejectionAssert.Rejected(result, TokenErrorCode.WrongType, TokenTypes.AuthorizationGrant);
    }

    [Fact]
    public async Task ValidateAsync_GrantPresentedAsClientAssertion_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims(), TokenTypes.AuthorizationGrant);

        var result = await _bed.ValidateAsync(token, TokenKind.ClientAssertion);

        RejectionAssert.Rejected(result, TokenErrorCode.WrongType, TokenTypes.ClientAssertion);
    }

    [Fact]
    public async Task ValidateAsync_AccessTokenPresentedAsAuditReceipt_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());

        var result = await _bed.ValidateAsync(token, TokenKind.SignedStatement(TokenTypes.AuditReceipt));

        RejectionAssert.Rejected(result, TokenErrorCode.WrongType, TokenTypes.AuditReceipt);
    }

    [Fact]
    public void SignedStatement_WithAnotherKindsType_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenKind.SignedStatement("AT+JWT"));

        Assert.Contains("access token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("receipt")]
    [InlineData("application/audit-receipt+jwt")]
    public void SignedStatement_NotAJwtMediaSubtype_Throws(string type)
    {
        var error = Assert.Throws<ArgumentException>(() => TokenKind.SignedStatement(type));

        Assert.Contains("+jwt", error.Message, StringComparison.Ordinal);
    }
}
