using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Tests.Run;

/// <summary>
/// An organization's configuration file written for the CLI: development certificates, an orchestrator
/// (private_key_jwt, its key in <c>orchestrator.key</c>), the bank's gateway (tls_client_auth), the user
/// alice, on a free loopback port. <see cref="Configuration"/> can be changed before <see cref="Write"/>.
/// </summary>
internal sealed class OrganizationFixture : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private OrganizationFixture(DevCertificateSet certificates)
    {
        Certificates = certificates;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Issuer = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }

        using var key = SigningKey.Generate();
        File.WriteAllText(Path.Combine(Folder, "orchestrator.key"), key.ExportPkcs8Pem());
        File.WriteAllText(Path.Combine(Folder, "orchestrator.jwks"), $"{{\"keys\":[{key.PublicKey.ToJson()}]}}");
        Configuration = new JsonObject
        {
            ["Organization"] = new JsonObject { ["Name"] = "bank", ["DataDirectory"] = "data" },
            ["Authority"] = new JsonObject
            {
                ["Issuer"] = Issuer,
                ["Tls"] = new JsonObject
                {
                    ["CertificateFile"] = certificates["bank"].Server.CertificatePath,
                    ["KeyFile"] = certificates["bank"].Server.KeyPath,
                    ["ClientCertificateAuthorityFile"] = certificates.Authority.CertificatePath,
                },
                ["SigningKeys"] = new JsonObject { ["Development"] = true },
                ["Clients"] = new JsonArray(
                    Client("orchestrator", "private_key_jwt", "JwksFile", "orchestrator.jwks", mayActFor: true),
                    Client("bank-gateway", "tls_client_auth", "TlsClientAuthSubjectDn", "CN=bank gateway, O=bank", mayActFor: false)),
                ["DevIdentityProvider"] = new JsonObject
                {
                    ["Users"] = new JsonArray(new JsonObject
                    {
                        ["Username"] = "alice",
                        ["Password"] = "alice",
                        ["Scopes"] = new JsonArray("loans.read", "credit.read"),
                        ["MayAct"] = "orchestrator",
                    }),
                },
            },
        };
    }

    public string Folder => _folder.Path;

    public string Issuer { get; }

    public string ConfigurationFile => Path.Combine(Folder, "bank.json");

    public DevCertificateSet Certificates { get; }

    public JsonObject Configuration { get; }

    public static async Task<OrganizationFixture> CreateAsync() =>
        new(await DevCertificates.EnsureAsync(Directory.CreateTempSubdirectory("fa-cli-certs-").FullName, ["bank"]).Bounded());

    public string Write()
    {
        File.WriteAllText(ConfigurationFile, "// written by a test\n" + Configuration.ToJsonString());
        return ConfigurationFile;
    }

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(Certificates.Folder, recursive: true);
    }

    private static JsonObject Client(string id, string method, string credentialKey, string credential, bool mayActFor) => new()
    {
        ["ClientId"] = id,
        ["TokenEndpointAuthMethod"] = method,
        [credentialKey] = credential,
        ["Scopes"] = new JsonArray("loans.read", "credit.read"),
        ["Audiences"] = new JsonArray("https://gateway.bank.test"),
        ["MayActFor"] = mayActFor ? new JsonArray("*") : new JsonArray(),
    };
}
