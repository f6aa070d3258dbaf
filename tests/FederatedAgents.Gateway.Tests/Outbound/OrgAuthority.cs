using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FederatedAgents.Authority.Client;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>
/// One organization's authority on real Kestrel with TLS (a free loopback port, development keys in a temporary
/// folder), configured from settings the test adds before <see cref="StartAsync"/>.
/// </summary>
internal sealed class OrgAuthority : IAsyncDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly DevCertificateSet _certificates;
    private readonly Dictionary<string, SigningKey> _keys = [];
    private readonly List<IDisposable> _owned = [];
    private WebApplication? _app;
    private int _clients;
    private int _users;

    public OrgAuthority(string organization, DevCertificateSet certificates)
    {
        Organization = organization;
        _certificates = certificates;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Issuer = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }

        Settings["Organization:Name"] = organization;
        Settings["Organization:DataDirectory"] = "data";
        Settings["Authority:Issuer"] = Issuer;
        Settings["Authority:Tls:CertificateFile"] = certificates[organization].Server.CertificatePath;
        Settings["Authority:Tls:KeyFile"] = certificates[organization].Server.KeyPath;
        Settings["Authority:Tls:ClientCertificateAuthorityFile"] = certificates.Authority.CertificatePath;
        Settings["Authority:SigningKeys:Development"] = "true";
    }

    public string Organization { get; }

    public string Issuer { get; }

    /// <summary>The audience of this organization's gateway.</summary>
    public string GatewayAudience => $"https://gateway.{Organization}.test";

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A private_key_jwt client with a fresh key.</summary>
    public void AddKeyClient(string clientId, string[] scopes, string[] audiences, string[] mayActFor)
    {
        var key = SigningKey.Generate();
        _keys[clientId] = key;
        var index = AddClient(clientId, "private_key_jwt", scopes, audiences, mayActFor);
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(key.PublicKey.ToJson())!)
        {
            Settings[$"Authority:Clients:{index}:Jwks:Keys:0:{name}"] = value;
        }
    }

    /// <summary>A tls_client_auth client known by the subject of an organization's gateway certificate.</summary>
    public void AddGatewayClient(string gatewayOf, string[] scopes, string[] audiences, bool partner)
    {
        var index = AddClient($"{gatewayOf}-gateway", "tls_client_auth", scopes, audiences, partner ? [] : ["*"]);
        Settings[$"Authority:Clients:{index}:TlsClientAuthSubjectDn"] = $"CN={gatewayOf} gateway, O={gatewayOf}";
        Settings[$"Authority:Clients:{index}:Partner"] = partner ? gatewayOf : null;
    }

    public void AddUser(string username, string[] scopes)
    {
        var key = $"Authority:DevIdentityProvider:Users:{_users++}";
        Settings[$"{key}:Username"] = username;
        Settings[$"{key}:Password"] = $"{username}-password";
        Set($"{key}:Scopes", scopes);
    }

    public void AddPartner(OrgAuthority partner)
    {
        Settings["Authority:Partners:0:Name"] = partner.Organization;
        Settings["Authority:Partners:0:Issuer"] = partner.Issuer;
        Settings["Authority:Partners:0:JwksUri"] = $"{partner.Issuer}/jwks";
        Settings["Authority:Partners:0:CertificateAuthorityFile"] = _certificates.Authority.CertificatePath;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _folder.Path });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.ClearProviders();
        builder.Services.AddFederatedAuthority(builder.Configuration);
        _app = builder.Build();
        _app.MapFederatedAuthority();
        await _app.StartAsync().Bounded();
    }

    /// <summary>A client of this authority as <paramref name="clientId"/>, with the key the test holds.</summary>
    public AuthorityClient Client(string clientId) => new(NewHttpClient(), Issuer, clientId, _keys[clientId]);

    /// <summary><paramref name="username"/> logs in (development login), then <paramref name="agent"/> acts for them at this organization's gateway.</summary>
    public async Task<string> DelegateAsync(string username, string agent, string[]? scopes = null)
    {
        var client = Client(agent);
        using var login = await NewHttpClient().PostAsync(Issuer + "/dev/login",
            new FormUrlEncodedContent([new("username", username), new("password", $"{username}-password")])).Bounded();
        var person = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        var delegated = await client.ExchangeAsync(new TokenExchangeRequest { SubjectToken = person, Audiences = [GatewayAudience], Scopes = scopes }).Bounded();
        return delegated.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().Bounded();
            await _app.DisposeAsync();
        }

        _owned.ForEach(o => o.Dispose());
        _folder.Dispose();
    }

    private HttpClient NewHttpClient()
    {
        var authority = CertificateFiles.LoadCertificate(_certificates.Authority.CertificatePath);
        var http = new HttpClient(AuthorityHttp.CreateHandler(null, authority)) { Timeout = TestTimeouts.Default };
        _owned.Add(http);
        _owned.Add(authority);
        return http;
    }

    private int AddClient(string clientId, string method, string[] scopes, string[] audiences, string[] mayActFor)
    {
        var index = _clients++;
        Settings[$"Authority:Clients:{index}:ClientId"] = clientId;
        Settings[$"Authority:Clients:{index}:TokenEndpointAuthMethod"] = method;
        Set($"Authority:Clients:{index}:Scopes", scopes);
        Set($"Authority:Clients:{index}:Audiences", audiences);
        Set($"Authority:Clients:{index}:MayActFor", mayActFor);
        return index;
    }

    private void Set(string key, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Settings[$"{key}:{i}"] = values[i];
        }
    }
}
