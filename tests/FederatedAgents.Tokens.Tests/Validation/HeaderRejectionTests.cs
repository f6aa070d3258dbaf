using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Validation;

/// <summary>STANDARDS.md header rejections: alg none in any casing, HMAC with a public key, crit, embedded or remote keys, kid tricks.</summary>
public sealed class HeaderRejectionTests
{
    private readonly TestBed _bed = new();

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public async Task ValidateAsync_AlgNoneInAnyCasing_Rejected(string none)
    {
        var header = TestBed.Header(_bed.Key);
        header["alg"] = none;
        var unsecured = $"{Encode(header)}.{Encode(_bed.AccessTokenClaims())}.";

        var result = await _bed.ValidateAsync(unsecured);

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "unsecured");
    }

    [Fact]
    public async Task ValidateAsync_AlgNoneWithSignatureBytes_Rejected()
    {
        var header = TestBed.Header(_bed.Key);
        header["alg"] = "none";
        var token = _bed.SignWithHeader(header);

        var result = await _bed.ValidateAsync(token);

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "never accepted");
    }

    public static TheoryData<string> PublicKeyEncodings => ["jwk-json", "spki-der", "spki-pem", "x-y"];

    [Theory]
    [MemberData(nameof(PublicKeyEncodings))]
    public async Task ValidateAsync_Hs256WithPublicKeyAsSecret_Rejected(string encoding)
    {
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = _bed.Key.PublicKey.X, Y = _bed.Key.PublicKey.Y },
        });
        byte[] secret = encoding switch
        {
            "jwk-json" => Encoding.UTF8.GetBytes(_bed.Key.PublicKey.ToJson()),
            "spki-der" => ecdsa.ExportSubjectPublicKeyInfo(),
            "spki-pem" => Encoding.ASCII.GetBytes(ecdsa.ExportSubjectPublicKeyInfoPem()),
            _ => [.. _bed.Key.PublicKey.X!, .. _bed.Key.PublicKey.Y!],
        };
        var header = TestBed.Header(_bed.Key);
        header["alg"] = "HS256";
        var signingInput = $"{Encode(header)}.{Encode(_bed.AccessTokenClaims())}";
        var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));

        var result = await _bed.ValidateAsync($"{signingInput}.{Base64Url.EncodeToString(mac)}");

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "HMAC");
    }

    [Theory]
    [InlineData("es256")]
    [InlineData("ES512")]
    [InlineData("EdDSA")]
    [InlineData("RSA-OAEP")]
    public async Task ValidateAsync_UnsupportedOrMiscasedAlg_Rejected(string alg)
    {
        var header = TestBed.Header(_bed.Key);
        header["alg"] = alg;

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.AlgorithmNotAllowed, "not supported");
    }

    [Theory]
    [InlineData("[\"exp\"]")]
    [InlineData("[\"b64\"]")]
    [InlineData("[\"https://example.com/ext\"]")]
    [InlineData("[]")]
    public async Task ValidateAsync_UnknownCrit_Rejected(string crit)
    {
        var header = TestBed.Header(_bed.Key);
        header["crit"] = JsonNode.Parse(crit);
        header["exp"] = 1;
        header["https://example.com/ext"] = true;

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.UnsupportedCriticalHeader, "crit");
    }

    [Theory]
    [InlineData("jwk")]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("x5c")]
    public async Task ValidateAsync_KeyCarriedOrReferencedByToken_Rejected(string member)
    {
        var header = TestBed.Header(_bed.Key);
        header[member] = member switch
        {
            "jwk" => JsonNode.Parse(_bed.Key.PublicKey.ToJson()),
            "x5c" => new JsonArray("MIIBkTCB+wIJAK"),
            _ => "https://attacker.example/keys",
        };

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.EmbeddedKey, $"'{member}'");
    }

    [Theory]
    [InlineData("../../../../dev/null")]
    [InlineData("/etc/passwd")]
    [InlineData("https://attacker.example/jwks.json")]
    [InlineData("keys?kid=1")]
    [InlineData("..\\..\\secret")]
    [InlineData("%2e%2e%2fkey")]
    [InlineData("key#frag")]
    [InlineData("file:key")]
    [InlineData("' OR '1'='1")]
    [InlineData("key\u0000")]
    [InlineData("kéy")]
    [InlineData("")]
    public async Task ValidateAsync_KidWithPathUrlOrControlCharacters_Rejected(string kid)
    {
        var header = TestBed.Header(_bed.Key);
        header["kid"] = kid;

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidKeyId, "kid");
    }

    [Fact]
    public async Task ValidateAsync_KidWithDotDotOnly_Rejected()
    {
        var header = TestBed.Header(_bed.Key);
        header["kid"] = _bed.Key.KeyId + "..";

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidKeyId, "path or URL");
    }

    [Fact]
    public async Task ValidateAsync_OverlongKid_Rejected()
    {
        var header = TestBed.Header(_bed.Key);
        header["kid"] = new string('k', 129);

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidKeyId, "1 to 128");
    }

    [Fact]
    public async Task ValidateAsync_MissingKid_Rejected()
    {
        var header = TestBed.Header(_bed.Key);
        header.Remove("kid");

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.InvalidKeyId, "no string 'kid'");
    }

    [Theory]
    [InlineData("enc", "A256GCM")]
    [InlineData("zip", "DEF")]
    [InlineData("b64", "false")]
    public async Task ValidateAsync_JweOrUnencodedPayloadHeader_Rejected(string member, string value)
    {
        var header = TestBed.Header(_bed.Key);
        header[member] = value == "false" ? false : value;

        var result = await _bed.ValidateAsync(_bed.SignWithHeader(header));

        RejectionAssert.Rejected(result, TokenErrorCode.Malformed, $"'{member}'");
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
