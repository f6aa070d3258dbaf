using BenchmarkDotNet.Attributes;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Gateway.Authentication;
using FederatedAgents.Tokens.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// What the gateway pays per call to authenticate through the <c>DelegationToken</c> scheme (request scope,
/// authentication service, handler, principal with claims, ticket) next to its floor, the validation-cache hit alone
/// (about what the filter cost before it used the scheme). A local caller's unbound token, as in tests/bench/gateway.sh.
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- --filter '*AuthenticationSchemeBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class AuthenticationSchemeBenchmarks : IDisposable
{
    private const string Audience = "https://gateway.bench.example";

    private readonly string _folder = Directory.CreateTempSubdirectory("fa-auth-bench").FullName;
    private ServiceProvider _services = null!;
    private ITokenValidator _validator = null!;
    private string _token = null!;
    private DefaultHttpContext _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        _token = StandInAuthority.Create(_folder, Audience);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Listeners:Local:Url"] = "http://127.0.0.1:0",
            ["Gateway:Agents:0:Name"] = "echo",
            ["Gateway:Agents:0:Endpoints:0"] = "http://127.0.0.1:1",
            ["Gateway:Agents:0:Services:0"] = "federatedagents.testing.Echo",
            ["Gateway:Security:Audience"] = Audience,
            ["Gateway:Security:Authority:Issuer"] = StandInAuthority.Issuer,
            ["Gateway:Security:Authority:JwksFile"] = Path.Combine(_folder, "authority.jwks"),
            ["Gateway:Security:Audit:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IRevocationList, NoRevocations>();
        services.AddFederatedGateway(configuration).AddGatewaySecurity(configuration);
        _services = services.BuildServiceProvider();
        _validator = _services.GetRequiredService<ITokenValidator>();
        _http = new DefaultHttpContext();
        _http.Request.Headers.Authorization = $"Bearer {_token}";
        if (!Authenticate().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The stand-in token does not authenticate.");
        }
    }

    [Benchmark(Baseline = true, Description = "validation-cache hit (floor)")]
    public async Task<bool> CacheHit() => (await _validator.ValidateAsync(_token)).IsValid;

    [Benchmark(Description = "AuthenticateAsync(DelegationToken)")]
    public async Task<bool> Authenticate()
    {
        // A new request scope per call, as a request's services are; the context is the same (Kestrel pools its own).
        await using var scope = _services.CreateAsyncScope();
        _http.RequestServices = scope.ServiceProvider;
        return (await _http.AuthenticateAsync(DelegationTokenDefaults.AuthenticationScheme)).Succeeded;
    }

    public void Dispose()
    {
        _services?.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private sealed class NoRevocations : IRevocationList
    {
        public bool IsRevoked(string jwtId) => false;
    }
}
