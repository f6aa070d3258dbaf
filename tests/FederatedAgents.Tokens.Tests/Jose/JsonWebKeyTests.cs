using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class JsonWebKeyTests
{
    private static readonly SigningKey s_key = SigningKey.Generate();

    [Fact]
    public void Parse_PublishedEcKey_RoundTripsWithAlgorithmFromCurve()
    {
        var json = JsonNode.Parse(s_key.PublicKey.ToJson())!.AsObject();
        json.Remove("alg");

        var parsed = JsonWebKey.Parse(json.ToJsonString());

        Assert.Equal(JwsAlgorithm.ES256, parsed.Algorithm);
        Assert.Equal(s_key.KeyId, parsed.KeyId);
        Assert.Equal(s_key.PublicKey.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void Parse_WithoutKid_UsesThumbprintAsKid()
    {
        var json = JsonNode.Parse(s_key.PublicKey.ToJson())!.AsObject();
        json.Remove("kid");

        Assert.Equal(s_key.PublicKey.Thumbprint, JsonWebKey.Parse(json.ToJsonString()).KeyId);
    }

    [Theory]
    [InlineData("d", "private member 'd'")]
    [InlineData("alg", "does not match curve P-256")]
    [InlineData("use", "use is 'enc'")]
    [InlineData("key_ops", "key_ops")]
    [InlineData("x", "coordinates are exactly 32")]
    [InlineData("y", "not a valid ES256 public key")]
    [InlineData("crv", "crv 'P-521'")]
    [InlineData("kty", "kty 'OKP'")]
    public void Parse_UnusableEcKey_ThrowsSayingWhy(string member, string reason)
    {
        var json = JsonNode.Parse(s_key.PublicKey.ToJson())!.AsObject();
        json[member] = member switch
        {
            "d" => "AAAA",
            "alg" => "ES384",
            "use" => "enc",
            "key_ops" => new JsonArray("encrypt"),
            "x" => "AAAA",
            "y" => json["x"]!.GetValue<string>(),
            "crv" => "P-521",
            _ => "OKP",
        };

        var error = Assert.Throws<FormatException>(() => JsonWebKey.Parse(json.ToJsonString()));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RsaKeyWithoutAlg_ThrowsBecauseOneKeyHasOneAlgorithm()
    {
        var json = JsonNode.Parse(TestBed.RsaKey.PublicKey.ToJson())!.AsObject();
        json.Remove("alg");

        var error = Assert.Throws<FormatException>(() => JsonWebKey.Parse(json.ToJsonString()));

        Assert.Contains("exactly one algorithm (RS256 or PS256)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortRsaModulus_Throws()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        var parameters = rsa.ExportParameters(false);
        var json = new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
        };

        var error = Assert.Throws<FormatException>(() => JsonWebKey.Parse(json.ToJsonString()));

        Assert.Contains("1024 bits; at least 2048", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RsaModulusWithLeadingZero_Throws()
    {
        var json = JsonNode.Parse(TestBed.RsaKey.PublicKey.ToJson())!.AsObject();
        json["n"] = "AA" + json["n"]!.GetValue<string>();

        Assert.Throws<FormatException>(() => JsonWebKey.Parse(json.ToJsonString()));
    }
}
