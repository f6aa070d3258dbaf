using System.Buffers.Text;
using System.Security.Cryptography;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>
/// STANDARDS.md: algorithm confusion (one alg per key, per-issuer allow-lists), keys of one issuer
/// for another issuer's token, ECDSA r = 0 / s = 0 and non-canonical lengths, forged signatures.
/// </summary>
public sealed class KeyAndSignatureRejectionTests
{
    private static readonly byte[] s_p256Order =
        Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private readonly TestBed _bed = new();

    [Fact]
    public async Task ValidateAsync_Rs256TokenWhereIssuerAllowsOnlyEs256_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims(), key: TestBed.RsaKey);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "allowed ES256; the token uses RS256");
    }

    [Fact]
    public async Task ValidateAsync_Rs256TokenWhereIssuerAllowsRs256_Accepted()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims(), key: TestBed.RsaKey);

        var result = await _bed.Validator(resolver: _bed.Resolver(JwsAlgorithm.ES256, JwsAlgorithm.RS256)).CheckAsync(token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(JwsAlgorithm.RS256, result.Token.Algorithm);
    }

    [Fact]
    public async Task ValidateAsync_Es384SignatureNamingAnEs256Key_RejectedAsOneAlgorithmPerKey()
    {
        using var es384 = SigningKey.Generate(JwsAlgorithm.ES384);
        var header = TestBed.Header(es384);
        header["kid"] = _bed.Key.KeyId;
        var token = _bed.SignWithHeader(header, key: es384);

        var result = await _bed.Validator(resolver: _bed.Resolver(JwsAlgorithm.ES256, JwsAlgorithm.ES384)).CheckAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "one algorithm per key");
    }

    [Fact]
    public async Task ValidateAsync_Ps256NamingAnRs256Key_RejectedAsOneAlgorithmPerKey()
    {
        var header = TestBed.Header(TestBed.RsaKey);
        header["alg"] = "PS256";
        var token = _bed.SignWithHeader(header, key: TestBed.RsaKey);

        var result = await _bed.Validator(resolver: _bed.Resolver(JwsAlgorithm.RS256, JwsAlgorithm.PS256)).CheckAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "is an RS256 key; the token claims PS256");
    }

    [Fact]
    public async Task ValidateAsync_TokenClaimingIssuerBSignedWithIssuerAKey_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims["iss"] = TestBed.OtherIssuer;
        var token = _bed.Sign(claims, key: _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.UnknownKey, $"issuer '{TestBed.OtherIssuer}' has no key '{_bed.Key.KeyId}'");
    }

    [Fact]
    public async Task ValidateAsync_TokenClaimingIssuerASignedWithIssuerBKey_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims(), key: _bed.OtherIssuerKey);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.UnknownKey, $"issuer '{TestBed.Issuer}' has no key");
    }

    [Fact]
    public async Task ValidateAsync_UntrustedIssuer_Rejected()
    {
        var claims = _bed.AccessTokenClaims();
        claims["iss"] = "https://attacker.example";

        var result = await _bed.ValidateAsync(_bed.Sign(claims));

        RejectionAssert.Rejected(result, TokenErrorCode.UntrustedIssuer, "not trusted");
    }

    [Fact]
    public async Task ValidateAsync_TamperedClaims_Rejected()
    {
        var parts = _bed.Sign(_bed.AccessTokenClaims()).Split('.');
        var tampered = _bed.AccessTokenClaims();
        tampered["scope"] = "loans.read loans.apply loans.admin";
        parts[1] = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(tampered.ToJsonString()));

        var result = await _bed.ValidateAsync(string.Join('.', parts));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidSignature, "does not verify");
    }

    public static TheoryData<string> OutOfRangeSignatures => ["r=0", "s=0", "r=s=0", "r=n", "s=n", "r>n"];

    [Theory]
    [MemberData(nameof(OutOfRangeSignatures))]
    public async Task ValidateAsync_EcdsaSignatureOutOfRange_RejectedBeforeVerifying(string shape)
    {
        var parts = _bed.Sign(_bed.AccessTokenClaims()).Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        var r = signature.AsSpan(0, 32);
        var s = signature.AsSpan(32);
        switch (shape)
        {
            case "r=0": r.Clear(); break;
            case "s=0": s.Clear(); break;
            case "r=s=0": signature.AsSpan().Clear(); break;
            case "r=n": s_p256Order.CopyTo(r); break;
            case "s=n": s_p256Order.CopyTo(s); break;
            default: r.Fill(0xFF); break;
        }

        parts[2] = Base64Url.EncodeToString(signature);

        var result = await _bed.ValidateAsync(string.Join('.', parts));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidSignature, "r and s in [1, n-1]");
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(96)]
    public async Task ValidateAsync_EcdsaSignatureOfWrongLength_Rejected(int length)
    {
        var parts = _bed.Sign(_bed.AccessTokenClaims()).Split('.');
        parts[2] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(length));

        var result = await _bed.ValidateAsync(string.Join('.', parts));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidSignature, "64 bytes");
    }

    [Fact]
    public async Task ValidateAsync_DerEncodedEcdsaSignature_Rejected()
    {
        var signingInput = _bed.Sign(_bed.AccessTokenClaims());
        signingInput = signingInput[..signingInput.LastIndexOf('.')];
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(_bed.Key.ExportPkcs8Pem());
        var der = ecdsa.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var result = await _bed.ValidateAsync($"{signingInput}.{Base64Url.EncodeToString(der)}");

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidSignature, "r || s");
    }
}
