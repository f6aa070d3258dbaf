using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// One demo organization's addresses and settings: its authority's issuer, its gateway's listeners and audience,
/// and the in-memory configuration (the same keys as an organization file) its processes are started with.
/// </summary>
internal sealed class DemoOrganization
{
    private int _clients;

    public DemoOrganization(string name, string folder)
    {
        Name = name;
        Folder = folder;
        Issuer = $"https://127.0.0.1:{DemoPorts.Free()}";
        GatewayPartnerUrl = new Uri($"https://127.0.0.1:{DemoPorts.Free()}");
        GatewayLocalUrl = new Uri($"http://127.0.0.1:{DemoPorts.Free()}");
        Settings["Organization:Name"] = name;
        Settings["Organization:DataDirectory"] = "data";
    }

    public string Name { get; }

    /// <summary>Where this organization keeps its store and keys: a subfolder of the demo's working folder.</summary>
    public string Folder { get; }

    /// <summary>Its <c>Organization:DataDirectory</c>: the authority's store, the audit log and the audit key.</summary>
    public string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>Whether its gateway calls partners (it has a <c>Gateway:Outbound</c> section).</summary>
    public bool CallsPartners => Settings.ContainsKey("Gateway:Outbound:Organization");

    public string Issuer { get; }

    public Uri GatewayPartnerUrl { get; }

    public Uri GatewayLocalUrl { get; }

    /// <summary>The audience of tokens for this organization's gateway.</summary>
    public string GatewayAudience => $"https://gateway.{Name}.demo";

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string key, string value) => Settings[key] = value;

    public void SetList(string key, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Settings[$"{key}:{i}"] = values[i];
        }
    }

    /// <summary>An OAuth client; returns its key prefix (<c>Authority:Clients:N</c>).</summary>
    public string AddClient(string clientId, string method, string[] scopes, string[] audiences, string[] mayActFor)
    {
        var key = $"Authority:Clients:{_clients++}";
        Set($"{key}:ClientId", clientId);
        Set($"{key}:TokenEndpointAuthMethod", method);
        SetList($"{key}:Scopes", scopes);
        SetList($"{key}:Audiences", audiences);
        SetList($"{key}:MayActFor", mayActFor);
        return key;
    }

    /// <summary>A private_key_jwt client whose public key is registered inline; the demo keeps the private key.</summary>
    public SigningKey AddKeyClient(string clientId, string[] scopes, string[] audiences, string[] mayActFor)
    {
        var key = SigningKey.Generate();
        var prefix = AddClient(clientId, "private_key_jwt", scopes, audiences, mayActFor);
        using var jwk = System.Text.Json.JsonDocument.Parse(key.PublicKey.ToJson());
        foreach (var member in jwk.RootElement.EnumerateObject())
        {
            Set($"{prefix}:Jwks:Keys:0:{member.Name}", member.Value.GetString()!);
        }

        return key;
    }

    /// <summary>A gateway's client, known by its certificate subject (mutual TLS); <paramref name="partner"/> when it is another organization's.</summary>
    public void AddGatewayClient(string organization, string[] scopes, string[] audiences, bool partner)
    {
        var prefix = AddClient($"{organization}-gateway", "tls_client_auth", scopes, audiences, partner ? [] : ["*"]);
        Set($"{prefix}:TlsClientAuthSubjectDn", $"CN={organization} gateway, O={organization}");
        if (partner)
        {
            Set($"{prefix}:Partner", organization);
        }
    }
}
