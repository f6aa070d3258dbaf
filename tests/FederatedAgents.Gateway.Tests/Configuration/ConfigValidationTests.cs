using System.Text;
using System.Text.Json.Nodes;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Gateway.Tests.Configuration;

/// <summary>Broken organization files, one problem each: every one is rejected with the full key of the problem and the fix.</summary>
public sealed class ConfigValidationTests : IAsyncLifetime
{
    /// <summary>Row name → how to break the valid file, the key the error must name, and words of its message.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Key, string Message)> s_broken = new()
    {
        ["no listener"] = (g => g["Listeners"] = new JsonObject(), "Gateway:Listeners", "has neither a Partner nor a Local listener"),
        ["local listener beyond loopback"] = (g => g["Listeners"]!["Local"]!["Url"] = "http://0.0.0.0:8080", "Gateway:Listeners:Local:Url", "serves unencrypted HTTP/2 beyond this machine"),
        ["listener host name"] = (g => g["Listeners"]!["Local"]!["Url"] = "http://gateway.internal:8080", "Gateway:Listeners:Local:Url", "is not a listen address"),
        ["partner listener without TLS"] = (g => g["Listeners"]!["Partner"]!["Url"] = "http://127.0.0.1:8443", "Gateway:Listeners:Partner:Url", "is not https"),
        ["partner listener certificate missing"] = (g => g["Listeners"]!["Partner"]!["Certificate"]!["Path"] = "/nowhere/server.crt", "Gateway:Listeners:Partner:Certificate", "cannot load the server certificate"),
        ["TLS 1.1"] = (g => g["Listeners"]!["Partner"]!["MinimumTlsVersion"] = "1.1", "Gateway:Listeners:Partner:MinimumTlsVersion", "use 1.2 (the default) or 1.3"),
        ["agent without name"] = (g => Agent(g).Remove("Name"), "Gateway:Agents:0:Name", "is missing"),
        ["agent without endpoints"] = (g => Agent(g)["Endpoints"] = new JsonArray(), "Gateway:Agents:0:Endpoints", "lists no endpoint"),
        ["endpoint with a path"] = (g => Agent(g)["Endpoints"]![1] = "http://127.0.0.1:5002/api", "Gateway:Agents:0:Endpoints:1", "use scheme, host and port only"),
        ["endpoint not http"] = (g => Agent(g)["Endpoints"]![0] = "ftp://127.0.0.1:21", "Gateway:Agents:0:Endpoints:0", "is not an agent address"),
        ["endpoint twice"] = (g => Agent(g)["Endpoints"]![1] = "http://127.0.0.1:5001", "Gateway:Agents:0:Endpoints:1", "is listed twice"),
        ["service name with spaces"] = (g => Agent(g)["Services"]!.AsArray().Add("echo service"), "Gateway:Agents:0:Services:1", "is not a full gRPC service name"),
        ["services as one value"] = (g => Agent(g)["Services"] = GatewayJson.EchoService, "Gateway:Agents:0:Services", "must be a list"),
        ["agent name taken"] = (g => Agents(g).Add(OtherAgent("ECHO", "other.Service")), "Gateway:Agents:1:Name", "is already the name of Gateway:Agents:0"),
        ["service served twice"] = (g => Agents(g).Add(OtherAgent("second", GatewayJson.EchoService)), "Gateway:Agents:1:Services:0", "is already served by agent 'echo'"),
        ["timeout not a duration"] = (g => Agent(g)["Timeout"] = "30s", "Gateway:Agents:0:Timeout", "is not a positive duration"),
        ["zero concurrent calls"] = (g => Agent(g)["MaxConcurrentCalls"] = 0, "Gateway:Agents:0:MaxConcurrentCalls", "is not a whole number of at least 1"),
        ["health timeout over interval"] = (g => Agent(g)["HealthCheck"]!["Timeout"] = "00:00:10", "Gateway:Agents:0:HealthCheck:Timeout", "is longer than the Interval"),
        ["CA for h2c agents"] = (g => Agent(g)["TrustedCertificateAuthority"] = "/nowhere/ca.crt", "Gateway:Agents:0:TrustedCertificateAuthority", "no endpoint uses https://"),
        ["agent CA missing"] = (g => { Agent(g)["Endpoints"] = GatewayJson.Strings(["https://127.0.0.1:5001"]); Agent(g)["TrustedCertificateAuthority"] = "/nowhere/ca.crt"; }, "Gateway:Agents:0:TrustedCertificateAuthority", "cannot load the CA certificate"),
        ["method of another service"] = (g => Method(g)["Name"] = "bank.Loans/Quote", "Gateway:Agents:0:Methods:0:Name", "which agent 'echo' does not serve"),
        ["method name without service"] = (g => Method(g)["Name"] = "Unary", "Gateway:Agents:0:Methods:0:Name", "is not package.Service/Method"),
        ["unknown partner in a policy"] = (g => Method(g)["AllowedPartners"]![0] = "nobody", "Gateway:Agents:0:Methods:0:AllowedPartners:0", "'nobody' is not a partner"),
        ["scope with a space"] = (g => Method(g)["RequiredScopes"]![0] = "echo:call echo:admin", "Gateway:Agents:0:Methods:0:RequiredScopes:0", "list each scope as its own entry"),
        ["egress neither true nor false"] = (g => Method(g)["Egress"] = "sometimes", "Gateway:Agents:0:Methods:0:Egress", "is not true or false"),
        ["misspelt setting"] = (g => Agent(g)["Endpionts"] = new JsonArray(), "Gateway:Agents:0:Endpionts", "is not a gateway setting"),
        ["gap in a list"] = (g => Agent(g)["Endpoints"] = new JsonObject { ["0"] = "http://127.0.0.1:5001", ["2"] = "http://127.0.0.1:5003" }, "Gateway:Agents:0:Endpoints:2", "leaves a gap in the list"),
        ["partner trusting nothing"] = (g => Partner(g)["ClientCertificate"] = new JsonObject(), "Gateway:Partners:0:ClientCertificate", "trusts no certificate"),
        ["thumbprint too short"] = (g => Partner(g)["ClientCertificate"]!["Thumbprints"] = GatewayJson.Strings(["AB:CD"]), "Gateway:Partners:0:ClientCertificate:Thumbprints:0", "is not a SHA-256 thumbprint"),
        ["partner CA missing"] = (g => Partner(g)["ClientCertificate"]!["CertificateAuthority"] = "/nowhere/ca.crt", "Gateway:Partners:0:ClientCertificate:CertificateAuthority", "cannot load the CA certificate"),
        ["subject not a name"] = (g => Partner(g)["ClientCertificate"]!["Subject"] = "bureau gateway", "Gateway:Partners:0:ClientCertificate:Subject", "is not a distinguished name"),
        ["partners share a CA without subjects"] = (g => ((JsonObject)g["Partners"]![1]!["ClientCertificate"]!).Remove("Subject"), "Gateway:Partners:1:ClientCertificate", "trusts the same CertificateAuthority without a distinct Subject"),
        ["issuer over http"] = (g => Partner(g)["Authority"]!["Issuer"] = "http://auth.bureau.example", "Gateway:Partners:0:Authority:Issuer", "is not an https:// issuer"),
        ["partner without keys"] = (g => ((JsonObject)Partner(g)["Authority"]!).Remove("JwksUri"), "Gateway:Partners:0:Authority", "names no signing keys"),
        ["partner gateway over http"] = (g => Partner(g)["GatewayAddress"] = "http://bureau.localhost:8443", "Gateway:Partners:0:GatewayAddress", "is not an https:// address"),
        ["partner name taken"] = (g => Partners(g)[1]!["Name"] = "Bureau", "Gateway:Partners:1:Name", "is already the name of Gateway:Partners:0"),
        ["security without audience"] = (g => Security(g).Remove("Audience"), "Gateway:Security:Audience", "is missing; give the aud value tokens for this gateway carry"),
        ["audience not a URI"] = (g => Security(g)["Audience"] = "bank gateway", "Gateway:Security:Audience", "is not an absolute URI"),
        ["own authority without keys"] = (g => ((JsonObject)Security(g)["Authority"]!).Remove("JwksUri"), "Gateway:Security:Authority", "names no signing keys"),
        ["token cache neither true nor false"] = (g => Security(g)["CacheValidatedTokens"] = "yes", "Gateway:Security:CacheValidatedTokens", "is not true or false"),
        ["audit key file missing"] = (g => Security(g)["Audit"]!["KeyFile"] = "/nowhere/audit.pem", "Gateway:Security:Audit:KeyFile", "does not exist; give the PEM P-256 private key"),
        ["misspelt security setting"] = (g => Security(g)["Audiance"] = "https://gateway.bank.example", "Gateway:Security:Audiance", "is not a gateway setting"),
        ["partner listener without partners"] = (g => { g["Partners"] = new JsonArray(); Method(g)["AllowedPartners"] = new JsonArray(); }, "Gateway:Partners", "no client certificate can pass the partner listener"),
    };

    private readonly TemporaryFolder _folder = new();
    private DevCertificateSet _certificates = null!;

    public static TheoryData<string> BrokenConfigs => [.. s_broken.Keys];

    public async ValueTask InitializeAsync() => _certificates = await ValidConfig.CertificatesAsync(_folder);

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Build_ValidFile_Snapshot()
    {
        var (snapshot, errors) = await BuildAsync(ValidConfig.Create(_certificates));

        Assert.Empty(errors);
        Assert.NotNull(snapshot);
        Assert.Equal(["bureau", "ratings"], snapshot.Config.Partners.Select(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public async Task Build_OneProblem_RejectedNamingTheKeyAndTheFix(string row)
    {
        var (breakIt, key, message) = s_broken[row];
        var gateway = ValidConfig.Create(_certificates);
        breakIt(gateway);

        var (snapshot, errors) = await BuildAsync(gateway);

        Assert.Null(snapshot);
        var error = Assert.Single(errors);
        Assert.StartsWith(key + ": ", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Build_SeveralProblems_AllReportedAtOnce()
    {
        var gateway = ValidConfig.Create(_certificates);
        foreach (var row in new[] { "timeout not a duration", "endpoint not http", "issuer over http" })
        {
            s_broken[row].Break(gateway);
        }

        var (_, errors) = await BuildAsync(gateway);

        Assert.Equal(["Gateway:Agents:0:Endpoints:0", "Gateway:Agents:0:Timeout", "Gateway:Partners:0:Authority:Issuer"], errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public async Task Build_NoGatewaySection_SaysWhatToAdd()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Organization:Name"] = "bank" }).Build();

        var (snapshot, errors, _) = Builder(configuration).Build(1, null);

        Assert.Null(snapshot);
        Assert.Equal("Gateway: is missing; add a Gateway section with Listeners, Agents and Partners to the organization file.", Assert.Single(errors));
        await Task.CompletedTask;
    }

    private async Task<(GatewaySnapshot? Snapshot, IReadOnlyList<string> Errors)> BuildAsync(JsonObject gateway)
    {
        var json = new JsonObject { ["Gateway"] = gateway }.ToJsonString();
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var (snapshot, errors, created) = Builder(configuration).Build(1, null);
        foreach (var cluster in created)
        {
            await cluster.DisposeAsync();
        }

        return (snapshot, errors);
    }

    private GatewaySnapshotBuilder Builder(IConfiguration configuration) =>
        new(configuration, _folder.Path, new ConcurrencyCounters(), TimeProvider.System, NullLoggerFactory.Instance);

    private static JsonObject Agent(JsonObject gateway) => (JsonObject)Agents(gateway)[0]!;

    private static JsonArray Agents(JsonObject gateway) => (JsonArray)gateway["Agents"]!;

    private static JsonObject Method(JsonObject gateway) => (JsonObject)Agent(gateway)["Methods"]![0]!;

    private static JsonArray Partners(JsonObject gateway) => (JsonArray)gateway["Partners"]!;

    private static JsonObject Partner(JsonObject gateway) => (JsonObject)Partners(gateway)[0]!;

    private static JsonObject Security(JsonObject gateway) => (JsonObject)gateway["Security"]!;

    private static JsonObject OtherAgent(string name, string service) => new()
    {
        ["Name"] = name,
        ["Endpoints"] = GatewayJson.Strings(["http://127.0.0.1:6001"]),
        ["Services"] = GatewayJson.Strings([service]),
    };
}
