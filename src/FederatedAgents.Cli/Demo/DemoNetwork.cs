using System.Net;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Audit.Keys;
using FederatedAgents.Certificates.Development;
using FederatedAgents.Tokens.Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Cli.Demo;

/// <summary>
/// Both organizations running in this process on loopback: for each one host with its authority (TLS) and secured
/// gateway (authentication, policy, egress filter, audit; bank's also calls out), and its sample agent (h2c on
/// loopback); each organization's stores and audit log in its folder. Disposing stops everything.
/// </summary>
internal sealed class DemoNetwork : IAsyncDisposable
{
    /// <summary>The audit log's file in an organization's data directory (the gateway's SQLite store).</summary>
    public const string GatewayAuditLogFile = "audit.db";

    private readonly List<WebApplication> _apps = [];

    private DemoNetwork(DemoOrganization bank, DemoOrganization bureau, DevCertificateSet certificates)
    {
        Bank = bank;
        Bureau = bureau;
        Certificates = certificates;
    }

    public DemoOrganization Bank { get; }

    public DemoOrganization Bureau { get; }

    public DevCertificateSet Certificates { get; }

    /// <summary>The loan agent's private key: the demo obtains its delegated tokens as the agent would.</summary>
    public SigningKey LoanAgentKey { get; private set; } = null!;

    public static async Task<DemoNetwork> StartAsync(string folder, DevCertificateSet certificates, Action<string> progress, CancellationToken cancellationToken)
    {
        var network = new DemoNetwork(new DemoOrganization("bank", Path.Combine(folder, "bank")), new DemoOrganization("bureau", Path.Combine(folder, "bureau")), certificates);
        try
        {
            await network.StartAllAsync(progress, cancellationToken);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].StopAsync(CancellationToken.None);
            await _apps[i].DisposeAsync();
        }
    }

    private async Task StartAllAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var (bank, bureau) = (Bank, Bureau);
        LoanAgentKey = DemoSetup.ConfigureAuthorities(bank, bureau, Certificates);
        Directory.CreateDirectory(bank.Folder);
        Directory.CreateDirectory(bureau.Folder);
        var creditAgent = await StartAsync(bureau, 0, (services, _) => services.AddGrpc().Services.AddCreditAgent(), app => app.MapCreditAgent(), cancellationToken);
        progress($"bureau: credit agent {creditAgent}");
        var loanAgent = await StartAsync(bank, 0, (services, _) => services.AddGrpc().Services.AddLoanAgent(o => o.GatewayAddress = bank.GatewayLocalUrl), app => app.MapLoanAgent(), cancellationToken);
        progress($"bank: loan agent {loanAgent}");

        // Bureau's audit key, created now (as its gateway would on first start) so bank's gateway can trust its published keys.
        AuditKeys.LoadOrCreateDevelopmentKey(bureau.DataDirectory);
        DemoSetup.ConfigureGateways(bank, bureau, Certificates, loanAgent, creditAgent);
        foreach (var org in new[] { bureau, bank })
        {
            await StartAsync(org, null, (services, configuration) => AddOrganization(org, services, configuration), MapOrganization, cancellationToken);
            progress($"{org.Name}: authority {org.Issuer}; gateway, partners at {org.GatewayPartnerUrl}, local agents at {org.GatewayLocalUrl}; audit log {Path.Combine(org.DataDirectory, GatewayAuditLogFile)}");
        }
    }

    /// <summary>The organization's authority and its secured gateway in one host, as <c>run --config</c> hosts them: one audit log for both.</summary>
    private static void AddOrganization(DemoOrganization org, IServiceCollection services, IConfiguration configuration)
    {
        services.AddFederatedAuthority(configuration);
        var gateway = services.AddFederatedGateway(configuration)
            .AddGatewaySecurity(configuration)
            .AddServiceDescriptors(CreditAssessmentReflection.Descriptor, LoanDeskReflection.Descriptor);
        if (org.CallsPartners)
        {
            gateway.AddOutboundCalls(configuration);
        }
    }

    private static void MapOrganization(WebApplication app)
    {
        app.MapFederatedAuthority();
        app.MapFederatedGateway();
    }

    /// <summary>
    /// Starts one process-like host of <paramref name="org"/>. With <paramref name="agentPort"/> it is an agent on h2c
    /// loopback and its address is returned; otherwise the component's own configuration sets its listeners.
    /// </summary>
    private async Task<Uri> StartAsync(
        DemoOrganization org, int? agentPort, Action<IServiceCollection, IConfiguration> register, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = org.Folder, ApplicationName = "FederatedAgents" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(org.Settings);
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        if (agentPort is { } port)
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        }

        register(builder.Services, builder.Configuration);
        var app = builder.Build();
        _apps.Add(app);
        map(app);
        await app.StartAsync(cancellationToken);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }
}
