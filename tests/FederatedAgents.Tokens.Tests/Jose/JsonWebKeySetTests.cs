using System.Text.Json.Nodes;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Tokens.Tests.Jose;

public sealed class JsonWebKeySetTests
{
    [Fact]
    public void Parse_MixedSet_KeepsUsableKeysAndSaysWhyOthersWereSkipped()
    {
        using var key = SigningKey.Generate();
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(
                JsonNode.Parse(key.PublicKey.ToJson()),
                new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", ["kid"] = "ed" },
                new JsonObject { ["kty"] = "RSA", ["use"] = "enc", ["kid"] = "enc", ["n"] = "AQAB", ["e"] = "AQAB" },
                "not-a-key"),
        };

        var set = JsonWebKeySet.Parse(jwks.ToJsonString());

        Assert.Equal([key.KeyId], set.Keys.Select(k => k.KeyId));
        Assert.Collection(
            set.Ignored,
            ed => Assert.Contains("kty 'OKP'", ed, StringComparison.Ordinal),
            enc => Assert.Contains("use is 'enc'", enc, StringComparison.Ordinal),
            text => Assert.Contains("not an object", text, StringComparison.Ordinal));
        Assert.True(set.TryFindKey(key.KeyId, out var found));
        Assert.Same(set.Keys[0], found);
    }

    [Fact]
    public void Parse_KeysSharingAKid_AllSkipped()
    {
        using var first = SigningKey.Generate();
        using var second = SigningKey.Generate();
        var clash = JsonNode.Parse(second.PublicKey.ToJson())!.AsObject();
        clash["kid"] = first.KeyId;
        var jwks = new JsonObject { ["keys"] = new JsonArray(JsonNode.Parse(first.PublicKey.ToJson()), clash) };

        var set = JsonWebKeySet.Parse(jwks.ToJsonString());

        Assert.Empty(set.Keys);
        Assert.Contains("2 keys share it", Assert.Single(set.Ignored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("[]")]
    public void Parse_NotAJwkSet_Throws(string json)
    {
        Assert.Throws<FormatException>(() => JsonWebKeySet.Parse(json));
    }

    [Fact]
    public void Constructor_TwoKeysWithOneKid_Throws()
    {
        using var key = SigningKey.Generate();

        Assert.Throws<ArgumentException>(() => new JsonWebKeySet([key.PublicKey, key.PublicKey]));
    }

    [Fact]
    public void ToJson_ParsesBackToTheSameKeys()
    {
        using var ec = SigningKey.Generate(JwsAlgorithm.ES384);
        var set = new JsonWebKeySet([ec.PublicKey, TestBed.RsaKey.PublicKey]);

        var parsed = JsonWebKeySet.Parse(set.ToJson());

        Assert.Equal(set.Keys.Select(k => (k.KeyId, k.Algorithm)), parsed.Keys.Select(k => (k.KeyId, k.Algorithm)));
        Assert.Empty(parsed.Ignored);
    }
}
