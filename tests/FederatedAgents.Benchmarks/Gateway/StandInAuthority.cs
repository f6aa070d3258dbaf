using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// Stands in for the organization's authority in the secured gateway benchmark: an ES256 key whose JWK Set goes to
/// <c>FOLDER/authority.jwks</c> (the gateway's <c>Gateway:Security:Authority:JwksFile</c>) and one access token for the
/// h2load runs, valid for two hours, scope <c>echo:call</c>, one actor, unbound (the runs use the local listener).
/// </summary>
internal static class StandInAuthority
{
    public const string Issuer = "https://auth.bench.example";

    public static string Create(string folder, string audience)
    {
        using var key = SigningKey.Generate(JwsAlgorithm.ES256);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "authority.jwks"), new JsonWebKeySet([key.PublicKey]).ToJson());
        return new TokenIssuer(key, TimeProvider.System).Issue(new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = Issuer,
            Subject = "bench-user",
            Audiences = [audience],
            ClientId = "bench",
            Scopes = ["echo:call"],
            Lifetime = TimeSpan.FromHours(2),
            Actors = [new("orchestrator", Issuer)],
            TransactionId = "bench",
        }).Token;
    }
}
