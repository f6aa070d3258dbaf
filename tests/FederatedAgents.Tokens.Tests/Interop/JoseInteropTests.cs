using System.Text.Json;
using System.Text.Json.Nodes;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests.Interop;

/// <summary>
/// Interop with an independent JOSE implementation, the <c>jose</c> npm package, run as a child
/// process from <c>tests/interop/jose</c>: it verifies our tokens from the published JWKS alone,
/// we verify its tokens, and both compute the same RFC 7638 thumbprints.
/// </summary>
public sealed class JoseInteropTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("PS256")]
    [InlineData("RS256")]
    public async Task OurToken_VerifiesWithJoseUsingOnlyThePublishedJwks(string alg)
    {
        NodePeers.Require("jose");
        var algorithm = JwsAlgorithm.Parse(alg);
        var current = algorithm.Name.StartsWith("ES", StringComparison.Ordinal)
            ? SigningKey.Generate(algorithm)
            : SigningKey.FromPem(TestBed.RsaKey.ExportPkcs8Pem(), algorithm);
        var ring = new KeyRing(current, next: SigningKey.Generate(JwsAlgorithm.ES384), previous: SigningKey.Generate());
        var issued = new TokenIssuer(ring, _time).Issue(new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = TestBed.Issuer,
            Subject = "alice",
            Audiences = [TestBed.Audience],
            ClientId = "orchestrator",
            Scopes = ["loans.read"],
            Lifetime = TimeSpan.FromMinutes(5),
            Actors = [new Principal("credit", TestBed.OtherIssuer)],
        });

        var verified = await RunJose("verify.mjs", new JsonObject
        {
            ["jwks"] = JsonNode.Parse(ring.PublicKeys.ToJson()),
            ["token"] = issued.Token,
            ["issuer"] = TestBed.Issuer,
            ["audience"] = TestBed.Audience,
            ["typ"] = TokenTypes.AccessToken,
            ["algorithms"] = new JsonArray(alg),
        });

        Assert.Equal(issued.JwtId, verified["payload"]!["jti"]!.GetValue<string>());
        Assert.Equal("credit", verified["payload"]!["act"]!["sub"]!.GetValue<string>());
        Assert.Equal(ring.Current.KeyId, verified["header"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task OurTamperedToken_IsRejectedByJose()
    {
        NodePeers.Require("jose");
        var ring = KeyRing.Generate();
        var token = new TokenIssuer(ring, _time).Issue(new TokenDescriptor
        {
            Kind = TokenKind.SignedStatement(TokenTypes.AuditReceipt),
            Issuer = TestBed.Issuer,
            Lifetime = TimeSpan.FromMinutes(5),
        }).Token;
        var parts = token.Split('.');
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString("{\"iss\":\"https://auth.bank.example\",\"forged\":true}"u8);

        var result = await NodePeers.RunScriptAsync("jose/verify.mjs", standardInput: new JsonObject
        {
            ["jwks"] = JsonNode.Parse(ring.PublicKeys.ToJson()),
            ["token"] = string.Join('.', parts),
            ["typ"] = TokenTypes.AuditReceipt,
        }.ToJsonString());

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS256")]
    [InlineData("RS256")]
    public async Task JoseToken_VerifiesWithUsWhereTheIssuerAllowsItsAlgorithm(string alg)
    {
        NodePeers.Require("jose");
        var signed = await RunJose("sign.mjs", new JsonObject
        {
            ["alg"] = alg,
            ["typ"] = TokenTypes.AccessToken,
            ["claims"] = new JsonObject
            {
                ["iss"] = TestBed.OtherIssuer,
                ["sub"] = "bob",
                ["aud"] = TestBed.Audience,
                ["client_id"] = "partner-gateway",
                ["scope"] = "credit.read",
                ["iat"] = TestBed.Seconds(_time.GetUtcNow()),
                ["exp"] = TestBed.Seconds(_time.GetUtcNow().AddMinutes(5)),
                ["jti"] = "jose-1",
            },
        });
        var jwks = JsonWebKeySet.Parse(signed["jwks"]!.ToJsonString());
        var algorithm = JwsAlgorithm.Parse(alg);

        var accepted = await Validator(new IssuerKeys(TestBed.OtherIssuer, jwks, [algorithm])).CheckAsync(signed["token"]!.GetValue<string>());
        var esOnly = await Validator(new IssuerKeys(TestBed.OtherIssuer, jwks)).CheckAsync(signed["token"]!.GetValue<string>());

        Assert.True(accepted.IsValid, accepted.ToString());
        Assert.Equal(new Principal("bob", TestBed.OtherIssuer), accepted.Token.Chain!.Subject);
        Assert.Equal(alg == "ES256", esOnly.IsValid);
    }

    [Fact]
    public async Task Thumbprints_EqualJoseCalculateJwkThumbprint()
    {
        NodePeers.Require("jose");
        SigningKey[] keys = [SigningKey.Generate(), SigningKey.Generate(JwsAlgorithm.ES384), TestBed.RsaKey];
        var set = new JsonWebKeySet(keys.Select(k => k.PublicKey));

        var theirs = await RunJoseArray("thumbprint.mjs", JsonNode.Parse(set.ToJson())!.AsObject());

        Assert.Equal(keys.Select(k => k.PublicKey.Thumbprint), theirs);
        Assert.Equal(keys.Select(k => k.KeyId), theirs);
    }

    private TokenValidator Validator(IssuerKeys issuer) => new(
        new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = TestBed.Audience },
        new StaticIssuerKeyResolver(issuer),
        _time);

    private static async Task<JsonObject> RunJose(string script, JsonObject input)
    {
        var result = (await NodePeers.RunScriptAsync($"jose/{script}", standardInput: input.ToJsonString())).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    private static async Task<string[]> RunJoseArray(string script, JsonObject input)
    {
        var result = (await NodePeers.RunScriptAsync($"jose/{script}", standardInput: input.ToJsonString())).EnsureSuccess();
        return JsonSerializer.Deserialize<string[]>(result.StandardOutput)!;
    }
}
