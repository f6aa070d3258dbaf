using System.Text.Json.Nodes;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;

namespace FederatedAgents.Gateway.Tests.Configuration;

/// <summary>A complete, valid Gateway section with real certificate files (bank's gateway, bureau and ratings as partners) and its security settings.</summary>
internal static class ValidConfig
{
    public static async Task<DevCertificateSet> CertificatesAsync(TemporaryFolder folder) =>
        await DevCertificates.EnsureAsync(folder.Combine("certs"), ["bank", "bureau", "ratings"], cancellationToken: TestContext.Current.CancellationToken).Bounded();

    public static JsonObject Create(DevCertificateSet certificates) => new()
    {
        ["Listeners"] = new JsonObject
        {
            ["Partner"] = new JsonObject
            {
                ["Url"] = "https://127.0.0.1:0",
                ["Certificate"] = new JsonObject { ["Path"] = certificates["bank"].Server.CertificatePath, ["KeyPath"] = certificates["bank"].Server.KeyPath },
                ["MinimumTlsVersion"] = "1.2",
            },
            ["Local"] = new JsonObject { ["Url"] = "http://127.0.0.1:0" },
        },
        ["Agents"] = new JsonArray(new JsonObject
        {
            ["Name"] = "echo",
            ["Endpoints"] = GatewayJson.Strings(["http://127.0.0.1:5001", "http://127.0.0.1:5002"]),
            ["Services"] = GatewayJson.Strings([GatewayJson.EchoService]),
            ["HealthCheck"] = new JsonObject { ["Interval"] = "00:00:05", ["Timeout"] = "00:00:01" },
            ["Timeout"] = "00:00:30",
            ["MaxConcurrentCalls"] = 100,
            ["Methods"] = new JsonArray(new JsonObject
            {
                ["Name"] = GatewayJson.EchoService + "/Unary",
                ["RequiredScopes"] = GatewayJson.Strings(["echo:call"]),
                ["AllowedPartners"] = GatewayJson.Strings(["bureau"]),
                ["MaxDelegationDepth"] = 3,
                ["RequiredPurpose"] = "testing",
                ["Egress"] = true,
            }),
        }),
        ["Partners"] = new JsonArray(
            Partner("bureau", certificates),
            Partner("ratings", certificates)),
        ["Security"] = new JsonObject
        {
            ["Audience"] = "https://gateway.bank.example",
            ["Authority"] = new JsonObject { ["Issuer"] = "https://auth.bank.example", ["JwksUri"] = "https://auth.bank.example/jwks" },
            ["CacheValidatedTokens"] = true,
            ["Audit"] = new JsonObject { ["Enabled"] = true, ["Receipts"] = true },
        },
    };

    public static JsonObject Partner(string name, DevCertificateSet certificates) => new()
    {
        ["Name"] = name,
        ["Authority"] = new JsonObject { ["Issuer"] = $"https://auth.{name}.example", ["JwksUri"] = $"https://auth.{name}.example/jwks" },
        ["GatewayAddress"] = $"https://{name}.localhost:8443",
        ["ClientCertificate"] = new JsonObject
        {
            ["CertificateAuthority"] = certificates.Authority.CertificatePath,
            ["Subject"] = $"CN={name} gateway, O={name}",
        },
    };
}
