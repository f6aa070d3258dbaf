using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Keys;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Gateway.Auditing;
using FederatedAgents.Gateway.Tests.Configuration;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests;

/// <summary>
/// A gateway of the organization "bank" with its whole security pipeline, on real Kestrel and TLS: its own authority's
/// keys and the partners' (bureau, ratings) from JWKS files, the audit log in a temporary data directory, a revocation
/// list the test controls. Issues tokens as either authority would, and opens partner connections with each partner's
/// client certificate. <c>Echo/Unary</c> needs scope <c>echo:call</c>, purpose <c>testing</c>, at most 3 actors, and
/// admits the partner bureau; other Echo methods are open to local callers only.
/// </summary>
public sealed class SecureGateway : IAsyncDisposable
{
    public const string Audience = "https://gateway.bank.example";
    public const string OwnIssuer = "https://auth.bank.example";

    private readonly TemporaryFolder _folder;
    private readonly Dictionary<string, SigningKey> _authorityKeys;
    private readonly ListenOptions? _hostListener;

    private SecureGateway(
        TemporaryFolder folder, DevCertificateSet certificates, Dictionary<string, SigningKey> keys, GatewayHost gateway, TestRevocations revocations, ListenOptions? hostListener)
    {
        _hostListener = hostListener;
        _folder = folder;
        Certificates = certificates;
        _authorityKeys = keys;
        Gateway = gateway;
        Revocations = revocations;
    }

    public DevCertificateSet Certificates { get; }

    public GatewayHost Gateway { get; }

    public TestRevocations Revocations { get; }

    public string DataDirectory => _folder.Combine("data");

    /// <summary>
    /// The host's own listener beside the gateway's: TLS with the bank's server certificate, any client certificate
    /// accepted; null unless started with <see cref="StartWithHostEndpointsAsync"/>.
    /// </summary>
    public Uri? HostListener => _hostListener?.IPEndPoint is { } endpoint ? new Uri($"https://{endpoint}") : null;

    /// <param name="agent">Where the Echo service (or, with <paramref name="configure"/>, whatever the agent serves) runs.</param>
    public static Task<SecureGateway> StartAsync(Uri agent, Action<JsonObject>? configure = null, params FileDescriptor[] descriptors) =>
        StartAsync(agent, configure, descriptors, host: null);

    /// <summary>As <see cref="StartAsync(Uri, Action{JsonObject}?, FileDescriptor[])"/>, the host also serving what <paramref name="map"/> maps on <see cref="HostListener"/>.</summary>
    public static Task<SecureGateway> StartWithHostEndpointsAsync(Uri agent, Action<IServiceCollection> services, Action<WebApplication> map) =>
        StartAsync(agent, configure: null, descriptors: [], host: (services, map));

    private static async Task<SecureGateway> StartAsync(
        Uri agent, Action<JsonObject>? configure, FileDescriptor[] descriptors, (Action<IServiceCollection> Services, Action<WebApplication> Map)? host)
    {
        var folder = new TemporaryFolder();
        var certificates = await ValidConfig.CertificatesAsync(folder);
        var keys = new[] { OwnIssuer, IssuerOf("bureau"), IssuerOf("ratings"), IssuerOf("stranger") }.ToDictionary(issuer => issuer, _ => SigningKey.Generate());
        var config = ValidConfig.Create(certificates);
        var echo = (JsonObject)config["Agents"]![0]!;
        echo["Endpoints"] = GatewayJson.Strings([agent.ToString()]);
        echo.Remove("HealthCheck");
        foreach (var partner in config["Partners"]!.AsArray())
        {
            partner!["Authority"] = Authority(folder, IssuerOf(partner["Name"]!.GetValue<string>()), keys);
        }

        config["Security"] = new JsonObject { ["Audience"] = Audience, ["Authority"] = Authority(folder, OwnIssuer, keys) };
        configure?.Invoke(config);
        var revocations = new TestRevocations();
        ListenOptions? hostListener = null;
        var gateway = await GatewayHost.StartAsync(
            config,
            services =>
            {
                services.AddSingleton<IRevocationList>(revocations);
                if (host is { } extra)
                {
                    var certificate = certificates["bank"].Server.Load();
                    services.Configure<KestrelServerOptions>(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
                    {
                        listen.Protocols = HttpProtocols.Http2;
                        listen.UseHttps(new HttpsConnectionAdapterOptions
                        {
                            ServerCertificate = certificate,
                            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                            ClientCertificateValidation = (_, _, _) => true,
                        });
                        hostListener = listen;
                    }));
                    extra.Services(services);
                }
            },
            configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Organization:Name"] = "bank",
                ["Organization:DataDirectory"] = folder.Combine("data"),
            }),
            (gateway, configuration) => gateway.AddGatewaySecurity(configuration).AddServiceDescriptors([EchoReflection.Descriptor, .. descriptors]),
            host?.Map);
        return new SecureGateway(folder, certificates, keys, gateway, revocations, hostListener);
    }

    public static string IssuerOf(string partner) => $"https://auth.{partner}.example";

    /// <summary>
    /// An access token for this gateway; bound to <paramref name="boundTo"/>'s client certificate unless null, signed with
    /// the key of <paramref name="signedBy"/> (default: the issuer's), issued at <paramref name="clock"/>'s time (default: now).
    /// The stranger's issuer (<c>IssuerOf("stranger")</c>) has a key but is trusted nowhere.
    /// </summary>
    public IssuedToken Token(
        string? boundTo = "bureau",
        string[]? scopes = null,
        int actors = 1,
        string? purpose = "testing",
        string issuer = OwnIssuer,
        string audience = Audience,
        string? signedBy = null,
        TimeProvider? clock = null)
    {
        using var certificate = boundTo is null ? null : ClientCertificate(boundTo);
        return new TokenIssuer(_authorityKeys[signedBy ?? issuer], clock ?? TimeProvider.System).Issue(new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = issuer,
            Subject = "alice",
            Audiences = [audience],
            ClientId = boundTo is null ? "orchestrator" : $"{boundTo}-gateway",
            Scopes = scopes ?? ["echo:call"],
            Lifetime = TimeSpan.FromMinutes(5),
            Actors = [.. Enumerable.Range(0, actors).Select(i => new Principal($"agent-{i}", issuer))],
            CertificateThumbprint = certificate is null ? null : CertificateThumbprint.Compute(certificate),
            TransactionId = "txn-1",
            Purpose = purpose,
        });
    }

    public X509Certificate2 ClientCertificate(string org) => Certificates[org].Client.Load();

    public GrpcChannel PartnerChannel(string org = "bureau") => Channel(Gateway.Listeners.Partner!, org);

    /// <summary>A TLS channel trusting the development CA, presenting <paramref name="org"/>'s client certificate.</summary>
    public GrpcChannel Channel(Uri address, string org) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ClientCertificates = [ClientCertificate(org)],
            TrustedCertificateAuthority = CertificateFiles.LoadCertificate(Certificates.Authority.CertificatePath),
        });

    public static CallOptions Bearer(string token) => new(new Metadata().Add("authorization", $"Bearer {token}"));

    /// <summary>Every record of the organization's audit log, in order.</summary>
    public async Task<IReadOnlyList<AuditEvent>> RecordsAsync()
    {
        var (store, _) = await Gateway.Services.GetRequiredService<GatewayAuditLog>().OpenedAsync.Bounded();
        var head = await store.GetTreeHeadAsync(TestContext.Current.CancellationToken).Bounded();
        var records = new List<AuditEvent>();
        await foreach (var record in store.ReadAsync(0, head.Size, TestContext.Current.CancellationToken))
        {
            records.Add(record.ToEvent());
        }

        return records;
    }

    /// <summary>A verifier holding the bank's published audit keys, as a partner would.</summary>
    public AuditReceiptVerifier ReceiptVerifier() => new(
        new Dictionary<string, JsonWebKeySet> { ["bank"] = JsonWebKeySet.Parse(File.ReadAllText(Path.Combine(DataDirectory, AuditKeys.PublicKeysFileName))) },
        TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var key in _authorityKeys.Values)
        {
            key.Dispose();
        }

        _folder.Dispose();
    }

    private static JsonObject Authority(TemporaryFolder folder, string issuer, Dictionary<string, SigningKey> keys)
    {
        var file = folder.Combine($"{new Uri(issuer).Host}.jwks");
        File.WriteAllText(file, new JsonWebKeySet([keys[issuer].PublicKey]).ToJson());
        return new JsonObject { ["Issuer"] = issuer, ["JwksFile"] = file };
    }
}

/// <summary>The revocation list a test controls: ids added here are revoked.</summary>
public sealed class TestRevocations : IRevocationList
{
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    public void Revoke(string jwtId) => _revoked[jwtId] = true;

    public bool IsRevoked(string jwtId) => _revoked.ContainsKey(jwtId);
}
