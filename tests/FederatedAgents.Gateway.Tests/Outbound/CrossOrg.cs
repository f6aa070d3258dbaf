using System.Text.Json.Nodes;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using FederatedAgents.Tokens.Jose;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>
/// Two organizations on loopback with real TLS: bank (authority, gateway with outbound calls) and bureau (authority,
/// gateway with a partner listener, the credit agent behind it, and an audit observer signing receipts). The bank's
/// loan-agent acts for alice; it calls the credit agent through the bank gateway with <c>fa-target-org: bureau</c>.
/// </summary>
internal sealed class CrossOrg : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private CrossOrg(TemporaryFolder folder) => Folder = folder;

    public TemporaryFolder Folder { get; }

    public OrgAuthority Bank { get; private set; } = null!;

    public OrgAuthority Bureau { get; private set; } = null!;

    public GatewayHost BankGateway { get; private set; } = null!;

    public GatewayHost BureauGateway { get; private set; } = null!;

    public ReceiptIssuingObserver BureauAudit => BureauGateway.Services.GetServices<IGatewayCallObserver>().OfType<ReceiptIssuingObserver>().Single();

    /// <param name="bankServices">More services for the bank gateway (e.g. the egress filter).</param>
    public static async Task<CrossOrg> StartAsync(bool requireReceipt = true, Action<IServiceCollection>? bankServices = null)
    {
        var org = new CrossOrg(new TemporaryFolder());
        try
        {
            await org.StartAllAsync(requireReceipt, bankServices);
            return org;
        }
        catch
        {
            await org.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls the credit agent at bureau through the bank's gateway, as the bank's loan agent does.</summary>
    public async Task<(AssessResponse Response, Metadata Trailers)> AssessAsync(string? token, string traceParent = "", string target = "bureau")
    {
        var headers = new Metadata().Add(FederationMetadata.TargetOrganization, target);
        if (token is not null)
        {
            headers.Add(FederationMetadata.Authorization, "Bearer " + token);
        }

        if (traceParent.Length > 0)
        {
            headers.Add(FederationMetadata.TraceParent, traceParent);
        }

        var request = new AssessRequest { ConsumerReference = "C-4821", ConsentId = "consent-1", AmountMinor = 100_00, CurrencyCode = "EUR" };
        using var call = BankGateway.LocalInvoker.AsyncUnaryCall(CreditAgent.AssessMethod, new CallOptions(headers), request);
        var response = await call.ResponseAsync.Bounded();
        return (response, call.GetTrailers());
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Folder.Dispose();
    }

    private async Task StartAllAsync(bool requireReceipt, Action<IServiceCollection>? bankServices)
    {
        var certificates = await DevCertificates.EnsureAsync(Folder.Combine("certs"), ["bank", "bureau"], cancellationToken: TestContext.Current.CancellationToken).Bounded();
        Bank = Own(new OrgAuthority("bank", certificates));
        Bureau = Own(new OrgAuthority("bureau", certificates));
        Bank.AddKeyClient("loan-agent", ["loans.read", "credit.read"], [Bank.GatewayAudience], ["*"]);
        Bank.AddGatewayClient("bank", ["loans.read", "credit.read"], [Bank.GatewayAudience, Bureau.Issuer], partner: false);
        Bank.AddUser("alice", ["loans.read", "credit.read"]);
        Bank.AddUser("bob", ["loans.read"]);
        Bank.AddPartner(Bureau);
        Bureau.AddGatewayClient("bank", ["credit.read"], [Bureau.GatewayAudience], partner: true);
        Bureau.AddPartner(Bank);
        await Bank.StartAsync();
        await Bureau.StartAsync();

        var agent = Own(await GrpcTestServer.StartAsync(services => services.AddCreditAgent(), app => app.MapCreditAgent()));
        var auditKey = SigningKey.Generate();
        var store = await AuditLogStores.OpenSqliteAsync(Folder.Combine("bureau-audit.db"));
        Own(store);
        BureauGateway = Own(await GatewayHost.StartAsync(
            BureauSection(certificates, agent.Address),
            services => services.AddSingleton<IGatewayCallObserver>(new ReceiptIssuingObserver(store, new AuditReceiptIssuer("bureau", "bureau.test/audit", auditKey, TimeProvider.System)))));
        var auditKeys = Folder.Combine("bureau-audit.jwks.json");
        await File.WriteAllTextAsync(auditKeys, $"{{\"keys\":[{auditKey.PublicKey.ToJson()}]}}", TestContext.Current.CancellationToken);
        BankGateway = Own(await GatewayHost.StartAsync(
            BankSection(certificates, BureauGateway.Listeners.Partner!, auditKeys, requireReceipt),
            services =>
            {
                bankServices?.Invoke(services);
                new FederatedGatewayBuilder(services).AddOutboundCalls();
            }));
    }

    private JsonObject BureauSection(DevCertificateSet certificates, Uri agent) => new()
    {
        ["Listeners"] = new JsonObject
        {
            ["Partner"] = new JsonObject
            {
                ["Url"] = "https://127.0.0.1:0",
                ["Certificate"] = new JsonObject { ["Path"] = certificates["bureau"].Server.CertificatePath, ["KeyPath"] = certificates["bureau"].Server.KeyPath },
            },
        },
        ["Agents"] = new JsonArray(new JsonObject
        {
            ["Name"] = "credit",
            ["Endpoints"] = GatewayJson.Strings([agent.ToString()]),
            ["Services"] = GatewayJson.Strings([CreditAgent.Descriptor.FullName]),
        }),
        ["Partners"] = new JsonArray(Partner("bank", Bank, certificates, gateway: null)),
    };

    private JsonObject BankSection(DevCertificateSet certificates, Uri bureauGateway, string auditKeys, bool requireReceipt) => new()
    {
        ["Listeners"] = new JsonObject { ["Local"] = new JsonObject { ["Url"] = "http://127.0.0.1:0" } },
        ["Agents"] = new JsonArray(),
        ["Partners"] = new JsonArray(Partner("bureau", Bureau, certificates, bureauGateway)),
        ["Outbound"] = new JsonObject
        {
            ["Organization"] = "bank",
            ["ClientId"] = "bank-gateway",
            ["ClientCertificate"] = new JsonObject { ["Path"] = certificates["bank"].Client.CertificatePath, ["KeyPath"] = certificates["bank"].Client.KeyPath },
            ["TrustedCertificateAuthority"] = certificates.Authority.CertificatePath,
            ["Authority"] = new JsonObject { ["Issuer"] = Bank.Issuer, ["Audience"] = Bank.GatewayAudience },
            ["Partners"] = new JsonArray(new JsonObject { ["Name"] = "bureau", ["AuditKeysFile"] = auditKeys, ["RequireReceipt"] = requireReceipt }),
        },
    };

    private static JsonObject Partner(string name, OrgAuthority authority, DevCertificateSet certificates, Uri? gateway)
    {
        var partner = new JsonObject
        {
            ["Name"] = name,
            ["Authority"] = new JsonObject { ["Issuer"] = authority.Issuer, ["JwksUri"] = authority.Issuer + "/jwks" },
            ["ClientCertificate"] = new JsonObject { ["CertificateAuthority"] = certificates.Authority.CertificatePath, ["Subject"] = $"CN={name} gateway, O={name}" },
        };
        if (gateway is not null)
        {
            partner["GatewayAddress"] = gateway.ToString();
        }

        return partner;
    }

    private T Own<T>(T owned)
        where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
