using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using FederatedAgents.Tokens.Caching;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Benchmarks.Tokens;

/// <summary>
/// ES256 sign and verify against the raw BCL floors, full access-token validation, and a
/// validation-cache hit next to its floor (hashing the token), side by side in one run.
/// Ratios are relative to the raw ES256 verify. The token carries a two-actor chain (about 660 characters).
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- --filter '*TokenBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string Issuer = "https://auth.bank.example";
    private const string Audience = "https://gateway.bank.example";

    private readonly ECDsa _rawKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private KeyRing _ring = null!;
    private TokenIssuer _issuer = null!;
    private TokenValidator _validator = null!;
    private CachingTokenValidator _cachingValidator = null!;
    private TokenDescriptor _descriptor = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _rawSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = KeyRing.Generate();
        _issuer = new TokenIssuer(_ring, TimeProvider.System);
        _descriptor = new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = Issuer,
            Subject = "alice",
            Audiences = [Audience],
            ClientId = "orchestrator",
            Scopes = ["loans.read", "loans.apply"],
            Lifetime = TimeSpan.FromHours(1),
            Actors = [new Principal("orchestrator", Issuer), new Principal("credit", "https://auth.bureau.example")],
            TransactionId = "wf-42",
        };
        _token = _issuer.Issue(_descriptor).Token;
        var options = new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = Audience, Issuers = [Issuer] };
        _validator = new TokenValidator(options, new KeyRingIssuerKeyResolver(Issuer, _ring), TimeProvider.System);
        _cachingValidator = new CachingTokenValidator(_validator);
        Require(_cachingValidator.ValidateAsync(_token).AsTask().GetAwaiter().GetResult());
        _signingInput = Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
        _rawSignature = _rawKey.SignData(_signingInput, HashAlgorithmName.SHA256);
    }

    [Benchmark(Description = "ES256 sign (raw BCL floor)")]
    public byte[] RawSign() => _rawKey.SignData(_signingInput, HashAlgorithmName.SHA256);

    [Benchmark(Baseline = true, Description = "ES256 verify (raw BCL floor)")]
    public bool RawVerify() => _rawKey.VerifyData(_signingInput, _rawSignature, HashAlgorithmName.SHA256);

    [Benchmark(Description = "Issue access token (claims + ES256 sign)")]
    public string Issue() => _issuer.Issue(_descriptor).Token;

    [Benchmark(Description = "Full validation (parse + rules + ES256 verify)")]
    public bool FullValidation() => _validator.ValidateAsync(_token).GetAwaiter().GetResult().IsValid;

    [Benchmark(Description = "SHA-256 of the token (hashing floor of a hit)")]
    public byte[] HashToken() => SHA256.HashData(Encoding.ASCII.GetBytes(_token));

    [Benchmark(Description = "Validation cache hit")]
    public bool CacheHit() => _cachingValidator.ValidateAsync(_token).GetAwaiter().GetResult().IsValid;

    [GlobalCleanup]
    public void Cleanup() => _rawKey.Dispose();

    private static void Require(TokenValidationResult result)
    {
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The benchmark token does not validate: {result}");
        }
    }
}
