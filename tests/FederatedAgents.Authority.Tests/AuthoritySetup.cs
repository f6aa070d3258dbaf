using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Authority.Tests;

/// <summary>
/// One organization's configuration, built up by a test before the authority starts: a temporary data
/// folder, a free loopback port (so the issuer is known up front), the shared development certificates,
/// and clients whose private keys the test keeps. <see cref="WithDefaults"/> adds the usual cast.
/// </summary>
internal sealed class AuthoritySetup : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Dictionary<string, SigningKey> _keys = [];
    private int _clients;
    private int _users;
    private int _partners;

    private AuthoritySetup(string organization, DevCertificateSet certificates)
    {
        Organization = organization;
        Certificates = certificates;
        Port = FreePort();
        Settings["Organization:Name"] = organization;
        Settings["Organization:DataDirectory"] = "data";
        Settings["Authority:Issuer"] = Issuer;
        Settings["Authority:Tls:CertificateFile"] = certificates[organization].Server.CertificatePath;
        Settings["Authority:Tls:KeyFile"] = certificates[organization].Server.KeyPath;
        Settings["Authority:Tls:ClientCertificateAuthorityFile"] = certificates.Authority.CertificatePath;
        Settings["Authority:SigningKeys:Development"] = "true";
    }

    public string Organization { get; }

    public DevCertificateSet Certificates { get; }

    public int Port { get; }

    public string Issuer => $"https://127.0.0.1:{Port}";

    /// <summary>The audience of this organization's gateway, every client's default.</summary>
    public string Gateway => $"https://gateway.{Organization}.test";

    public string Folder => _folder.Path;

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<AuthoritySetup> CreateAsync(string organization = "bank") =>
        new(organization, await TestCertificates.TrustedAsync());

    /// <summary>
    /// orchestrator (private_key_jwt, may act for anyone), credit-agent (private_key_jwt, no delegation policy),
    /// {org}-gateway (tls_client_auth by subject), admin (may revoke any token); users alice (may_act orchestrator) and bob.
    /// </summary>
    public AuthoritySetup WithDefaults()
    {
        AddKeyClient("orchestrator", ["loans.read", "loans.apply", "credit.read"], mayActFor: ["*"]);
        AddKeyClient("credit-agent", ["credit.read", "loans.read"]);
        AddCertificateClient($"{Organization}-gateway", $"CN={Organization} gateway, O={Organization}", ["loans.read", "credit.read"]);
        var admin = AddKeyClient("admin", ["loans.read"]);
        Settings[$"Authority:Clients:{admin}:CanRevokeAnyToken"] = "true";
        AddUser("alice", ["loans.read", "loans.apply", "credit.read"], mayAct: "orchestrator");
        AddUser("bob", ["loans.read", "credit.read"]);
        return this;
    }

    /// <summary>A private_key_jwt client with a fresh ES256 key, registered inline as a JWK Set; returns its index.</summary>
    public int AddKeyClient(string clientId, string[] scopes, string[]? audiences = null, string[]? mayActFor = null)
    {
        var key = SigningKey.Generate();
        _keys[clientId] = key;
        var index = AddClient(clientId, "private_key_jwt", scopes, audiences, mayActFor);
        var jwk = JsonSerializer.Deserialize<Dictionary<string, string>>(key.PublicKey.ToJson())!;
        foreach (var (name, value) in jwk)
        {
            Settings[$"Authority:Clients:{index}:Jwks:Keys:0:{name}"] = value;
        }

        return index;
    }

    /// <summary>A tls_client_auth client known by its certificate's subject DN; returns its index.</summary>
    public int AddCertificateClient(string clientId, string subjectDn, string[] scopes, string[]? audiences = null, string? partner = null)
    {
        var index = AddClient(clientId, "tls_client_auth", scopes, audiences, null);
        Settings[$"Authority:Clients:{index}:TlsClientAuthSubjectDn"] = subjectDn;
        Settings[$"Authority:Clients:{index}:Partner"] = partner;
        return index;
    }

    public void AddUser(string username, string[] scopes, string? mayAct = null)
    {
        var key = $"Authority:DevIdentityProvider:Users:{_users++}";
        Settings[$"{key}:Username"] = username;
        Settings[$"{key}:Password"] = $"{username}-password";
        Settings[$"{key}:MayAct"] = mayAct;
        SetList($"{key}:Scopes", scopes);
    }

    /// <summary>Trusts <paramref name="partner"/>'s authority: its keys from its running JWKS endpoint, its CA the shared one.</summary>
    public int AddPartner(AuthoritySetup partner, int? maxDepth = null)
    {
        var key = $"Authority:Partners:{_partners}";
        Settings[$"{key}:Name"] = partner.Organization;
        Settings[$"{key}:Issuer"] = partner.Issuer;
        Settings[$"{key}:JwksUri"] = $"{partner.Issuer}/jwks";
        Settings[$"{key}:CertificateAuthorityFile"] = Certificates.Authority.CertificatePath;
        Settings[$"{key}:MaxDelegationDepth"] = maxDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _partners++;
    }

    public SigningKey KeyOf(string clientId) => _keys[clientId];

    /// <summary>The index of a client added earlier.</summary>
    public int IndexOf(string clientId) =>
        int.Parse(Settings.Single(s => s.Key.EndsWith(":ClientId", StringComparison.Ordinal) && s.Value == clientId).Key.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Lets <paramref name="clientId"/> act for <paramref name="subject"/> (<c>sub@issuer</c>, or <c>*</c>) by policy.</summary>
    public void LetActFor(string clientId, string subject) => Settings[$"Authority:Clients:{IndexOf(clientId)}:MayActFor:0"] = subject;

    /// <summary>Removes every setting at or under <paramref name="key"/>.</summary>
    public void Remove(string key)
    {
        foreach (var name in Settings.Keys.Where(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Settings.Remove(name);
        }
    }

    public void SetList(string key, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Settings[$"{key}:{i}"] = values[i];
        }
    }

    public Task<TestAuthority> StartAsync() => TestAuthority.StartAsync(this);

    public void Dispose() => _folder.Dispose();

    private int AddClient(string clientId, string method, string[] scopes, string[]? audiences, string[]? mayActFor)
    {
        var index = _clients++;
        Settings[$"Authority:Clients:{index}:ClientId"] = clientId;
        Settings[$"Authority:Clients:{index}:TokenEndpointAuthMethod"] = method;
        SetList($"Authority:Clients:{index}:Scopes", scopes);
        SetList($"Authority:Clients:{index}:Audiences", audiences ?? [Gateway]);
        SetList($"Authority:Clients:{index}:MayActFor", mayActFor ?? []);
        return index;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
