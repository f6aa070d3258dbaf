using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Tests;

/// <summary>
/// Two trusted issuers with real keys, a fake clock, and a forge that signs any header and claims
/// JSON with a real key, so each rejection test changes exactly one thing about a valid token.
/// </summary>
internal sealed class TestBed
{
    public const string Issuer = "https://auth.bank.example";
    public const string OtherIssuer = "https://auth.bureau.example";
    public const string Audience = "https://gateway.bank.example";

    private static readonly Lazy<SigningKey> s_rsaKey = new(() => SigningKey.Generate(JwsAlgorithm.RS256));

    public FakeTimeProvider Time { get; } = new();

    public SigningKey Key { get; } = SigningKey.Generate();

    public SigningKey OtherIssuerKey { get; } = SigningKey.Generate();

    /// <summary>A shared 2048-bit RSA key (generation is slow), published with alg RS256.</summary>
    public static SigningKey RsaKey => s_rsaKey.Value;

    public DateTimeOffset Now => Time.GetUtcNow();

    public IIssuerKeyResolver Resolver(params JwsAlgorithm[] issuerAlgorithms) => new StaticIssuerKeyResolver(
        new IssuerKeys(Issuer, new JsonWebKeySet([Key.PublicKey, RsaKey.PublicKey]), issuerAlgorithms),
        new IssuerKeys(OtherIssuer, new JsonWebKeySet([OtherIssuerKey.PublicKey])));

    public TokenValidator Validator(TokenKind? kind = null, IIssuerKeyResolver? resolver = null, string? audience = Audience) =>
        new(new TokenValidatorOptions { Kind = kind ?? TokenKind.AccessToken, Audience = audience }, resolver ?? Resolver(), Time);

    public Task<TokenValidationResult> ValidateAsync(string token, TokenKind? kind = null) =>
        Validator(kind).CheckAsync(token);

    /// <summary>RFC 9068 claims of a valid access token from <see cref="Issuer"/> for <see cref="Audience"/>.</summary>
    public JsonObject AccessTokenClaims() => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "alice",
        ["aud"] = Audience,
        ["client_id"] = "orchestrator",
        ["scope"] = "loans.read loans.apply",
        ["iat"] = Seconds(Now),
        ["exp"] = Seconds(Now.AddMinutes(5)),
        ["jti"] = "jti-1",
    };

    public static JsonObject Header(SigningKey key, string typ = TokenTypes.AccessToken) =>
        new() { ["alg"] = key.Algorithm.Name, ["kid"] = key.KeyId, ["typ"] = typ };

    public string Sign(JsonObject claims, string typ = TokenTypes.AccessToken, SigningKey? key = null) =>
        Forge(Header(key ?? Key, typ).ToJsonString(), claims.ToJsonString(), key ?? Key);

    /// <summary>Signs <paramref name="header"/> as given (the claims default to <see cref="AccessTokenClaims"/>).</summary>
    public string SignWithHeader(JsonObject header, JsonObject? claims = null, SigningKey? key = null) =>
        Forge(header.ToJsonString(), (claims ?? AccessTokenClaims()).ToJsonString(), key ?? Key);

    /// <summary>Signs raw header and claims JSON text with <paramref name="key"/>.</summary>
    public static string Forge(string headerJson, string claimsJson, SigningKey key) =>
        ForgeBytes(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(claimsJson), key);

    public static string ForgeBytes(byte[] header, byte[] claims, SigningKey key)
    {
        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        return $"{signingInput}.{Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    /// <summary>The decoded JSON of one part (0 = header, 1 = claims) of a compact JWS.</summary>
    public static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}

internal static class ValidatorTestExtensions
{
    /// <summary>Validates with the test's cancellation token, bounded by <see cref="TestTimeouts"/>.</summary>
    public static Task<TokenValidationResult> CheckAsync(this ITokenValidator validator, string token) =>
        validator.ValidateAsync(token, TestContext.Current.CancellationToken).Bounded();
}
