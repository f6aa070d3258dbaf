using System.Net;
using System.Net.Sockets;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Benchmarks.Authority;

/// <summary>
/// An authority in this process on Kestrel with TLS (development certificates and a SQLite store in a
/// temporary folder, no logging), one tls_client_auth client that may act for anyone, and a trusted
/// identity provider whose key this process holds, so it can mint distinct person tokens to exchange.
/// </summary>
internal sealed class BenchAuthority : IAsyncDisposable
{
    public const string IdentityProvider = "https://idp.bench.test";
    public const string Gateway = "https://gateway.bank.test";
    public const string ClientId = "bench-gateway";

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly SigningKey _idpKey;

    private BenchAuthority(WebApplication app, string folder, string issuer, SigningKey idpKey, HttpClient http)
    {
        _app = app;
        _folder = folder;
        Issuer = issuer;
        _idpKey = idpKey;
        Http = http;
    }

    public string Issuer { get; }

    /// <summary>HTTP/2 with the client's certificate, trusting the development CA.</summary>
    public HttpClient Http { get; }

    public static async Task<BenchAuthority> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("fa-bench-authority-").FullName;
        var certificates = await DevCertificates.EnsureAsync(Path.Combine(folder, "certs"), ["bank"]);
        var idpKey = SigningKey.Generate();
        await File.WriteAllTextAsync(Path.Combine(folder, "idp.jwks"), $"{{\"keys\":[{idpKey.PublicKey.ToJson()}]}}");
        var issuer = $"https://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Organization:Name"] = "bank",
            ["Organization:DataDirectory"] = "data",
            ["Authority:Issuer"] = issuer,
            ["Authority:Tls:CertificateFile"] = certificates["bank"].Server.CertificatePath,
            ["Authority:Tls:KeyFile"] = certificates["bank"].Server.KeyPath,
            ["Authority:Tls:ClientCertificateAuthorityFile"] = certificates.Authority.CertificatePath,
            ["Authority:SigningKeys:Development"] = "true",
            ["Authority:Clients:0:ClientId"] = ClientId,
            ["Authority:Clients:0:TokenEndpointAuthMethod"] = "tls_client_auth",
            ["Authority:Clients:0:TlsClientAuthSubjectDn"] = "CN=bank gateway, O=bank",
            ["Authority:Clients:0:Scopes:0"] = "loans.read",
            ["Authority:Clients:0:Scopes:1"] = "credit.read",
            ["Authority:Clients:0:Audiences:0"] = Gateway,
            ["Authority:Clients:0:MayActFor:0"] = "*",
            ["Authority:TrustedIdentityProviders:0:Issuer"] = IdentityProvider,
            ["Authority:TrustedIdentityProviders:0:JwksFile"] = "idp.jwks",
        });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFederatedAuthority(builder.Configuration);
        var app = builder.Build();
        app.MapFederatedAuthority();
        await app.StartAsync();

        var handler = AuthorityHttp.CreateHandler(certificates["bank"].Client.Load(), CertificateFiles.LoadCertificate(certificates.Authority.CertificatePath));
        handler.EnableMultipleHttp2Connections = true;
        var http = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        return new BenchAuthority(app, folder, issuer, idpKey, http);
    }

    /// <summary>Distinct person tokens from the trusted identity provider, for this authority, valid for an hour.</summary>
    public IReadOnlyList<string> PersonTokens(int count)
    {
        var issuer = new TokenIssuer(_idpKey, TimeProvider.System);
        return [.. Enumerable.Range(0, count).Select(i => issuer.Issue(new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = IdentityProvider,
            Subject = $"person-{i}",
            Audiences = [Issuer],
            ClientId = "portal",
            Scopes = ["loans.read", "credit.read"],
            Lifetime = TimeSpan.FromHours(1),
        }).Token)];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _idpKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
