using System.Buffers.Text;
using System.Text;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>STANDARDS.md: size cap before parsing, JWE and JSON serialization refused, strict base64url and JSON.</summary>
public sealed class StructureRejectionTests
{
    private readonly TestBed _bed = new();

    [Fact]
    public async Task ValidateAsync_ValidAccessToken_IsAccepted()
    {
        var result = await _bed.ValidateAsync(_bed.Sign(_bed.AccessTokenClaims()));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task ValidateAsync_TokenOverSizeCap_RejectedBeforeParsing()
    {
        var claims = _bed.AccessTokenClaims();
        claims["padding"] = new string('x', 9000);
        var oversized = _bed.Sign(claims);

        var result = await _bed.ValidateAsync(oversized);

        RejectionAssert.Rejected(result, TokenErrorCode.TooLarge, "limit is 8192");
    }

    [Fact]
    public async Task ValidateAsync_GarbageOverSizeCap_ReportsSizeNotStructure()
    {
        var result = await _bed.ValidateAsync(new string('{', 10_000));

        RejectionAssert.Rejected(result, TokenErrorCode.TooLarge, "10000 characters");
    }

    [Fact]
    public async Task ValidateAsync_Jwe_Rejected()
    {
        var header = Base64Url.EncodeToString("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\"}"u8);
        var jwe = $"{header}.ZW5jcnlwdGVka2V5.aXY.Y2lwaGVydGV4dA.dGFn";

        var result = await _bed.ValidateAsync(jwe);

        RejectionAssert.Rejected(result, TokenErrorCode.UnsupportedSerialization, "JWE");
    }

    [Fact]
    public async Task ValidateAsync_JwsJsonSerialization_Rejected()
    {
        var parts = _bed.Sign(_bed.AccessTokenClaims()).Split('.');
        var json = $"{{\"payload\":\"{parts[1]}\",\"protected\":\"{parts[0]}\",\"signature\":\"{parts[2]}\"}}";

        var result = await _bed.ValidateAsync(json);

        RejectionAssert.Rejected(result, TokenErrorCode.UnsupportedSerialization, "JSON serialization");
    }

    [Theory]
    [InlineData("onlyonepart")]
    [InlineData("two.parts")]
    [InlineData("f.o.u.r")]
    [InlineData("")]
    public async Task ValidateAsync_WrongNumberOfParts_Rejected(string token)
    {
        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "three base64url parts");
    }

    [Theory]
    [InlineData(0, "=")]
    [InlineData(1, "+")]
    [InlineData(2, " ")]
    public async Task ValidateAsync_NonBase64UrlPart_Rejected(int part, string corruption)
    {
        var parts = _bed.Sign(_bed.AccessTokenClaims()).Split('.');
        parts[part] += corruption;

        var result = await _bed.ValidateAsync(string.Join('.', parts));

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "base64url");
    }

    [Fact]
    public async Task ValidateAsync_NonCanonicalBase64UrlSignature_Rejected()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var token = _bed.Sign(_bed.AccessTokenClaims());
        var last = alphabet.IndexOf(token[^1], StringComparison.Ordinal);

        var result = await _bed.ValidateAsync(token[..^1] + alphabet[last | 1]);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "signature is not base64url");
    }

    [Fact]
    public async Task ValidateAsync_EmptySignature_Rejected()
    {
        var token = _bed.Sign(_bed.AccessTokenClaims());

        var result = await _bed.ValidateAsync(token[..(token.LastIndexOf('.') + 1)]);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "signature is empty");
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public async Task ValidateAsync_NonUtf8Claims_Rejected(byte[] invalidSequence)
    {
        var claims = Encoding.UTF8.GetBytes(_bed.AccessTokenClaims().ToJsonString().Replace("alice", "al\u0001ce", StringComparison.Ordinal));
        var at = Array.IndexOf(claims, (byte)1);
        byte[] corrupted = [.. claims[..at], .. invalidSequence, .. claims[(at + 1)..]];
        var token = TestBed.ForgeBytes(Encoding.UTF8.GetBytes(TestBed.Header(_bed.Key).ToJsonString()), corrupted, _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "not valid UTF-8");
    }

    [Fact]
    public async Task ValidateAsync_NonUtf8Header_Rejected()
    {
        byte[] header = [.. Encoding.UTF8.GetBytes(TestBed.Header(_bed.Key).ToJsonString()[..^1]), .. ",\"x\":\""u8, 0xFE, .. "\"}"u8];
        var token = TestBed.ForgeBytes(header, Encoding.UTF8.GetBytes(_bed.AccessTokenClaims().ToJsonString()), _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "JOSE header is not valid UTF-8");
    }

    [Theory]
    [InlineData("{\"iss\":\"https://auth.bank.example\",\"sub\":\"alice\",\"sub\":\"mallory\"}", "'sub'")]
    [InlineData("{\"iss\":\"https://auth.bank.example\",\"sub\":\"alice\",\"\\u0073ub\":\"mallory\"}", "'sub'")]
    [InlineData("{\"iss\":\"https://auth.bank.example\",\"sub\":\"alice\",\"act\":{\"sub\":\"a\",\"sub\":\"b\"}}", "'sub'")]
    [InlineData("{\"iss\":\"https://auth.bank.example\",\"sub\":\"alice\",\"x\":[{\"k\":1,\"k\":2}]}", "'k'")]
    public async Task ValidateAsync_DuplicateClaimNames_AtAnyDepth_Rejected(string claimsJson, string duplicate)
    {
        var token = TestBed.Forge(TestBed.Header(_bed.Key).ToJsonString(), claimsJson, _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, duplicate);
    }

    [Fact]
    public async Task ValidateAsync_DuplicateHeaderNames_Rejected()
    {
        var header = $"{{\"alg\":\"ES256\",\"kid\":\"{_bed.Key.KeyId}\",\"typ\":\"at+jwt\",\"alg\":\"none\"}}";
        var token = TestBed.Forge(header, _bed.AccessTokenClaims().ToJsonString(), _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, "'alg'");
    }

    [Theory]
    [InlineData("{\"iss\":\"a\"} {}", "after a single JSON value")]
    [InlineData("{\"iss\":\"a\",}", "JSON")]
    [InlineData("{\"iss\":\"a\" /* c */}", "JSON")]
    [InlineData("[\"iss\"]", "must be a JSON object")]
    public async Task ValidateAsync_NonStrictClaimsJson_Rejected(string claimsJson, string mentions)
    {
        var token = TestBed.Forge(TestBed.Header(_bed.Key).ToJsonString(), claimsJson, _bed.Key);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, mentions);
    }
}
