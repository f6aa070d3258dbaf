using System.Net;
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
/// Both organizations running in this process on loopback: for each an authority (TLS), a gateway and its sample agent
/// (h2c on loopback), each store in the organization's folder. Disposing stops everything.
/// </summary>
internal sealed class DemoNetwork : IAsyncDisposable
{
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
        foreach (var org in new[] { bank, bureau })
        {
            Directory.CreateDirectory(org.Folder);
            await StartAsync(org, null, (services, configuration) => services.AddFederatedAuthority(configuration), app => app.MapFederatedAuthority(), cancellationToken);
            progress($"{org.Name}: authority {org.Issuer}");
        }

        var creditAgent = await StartAsync(bureau, 0, (services, _) => services.AddGrpc().Services.AddCreditAgent(), app => app.MapCreditAgent(), cancellationToken);
        progress($"bureau: credit agent {creditAgent}");
        var loanAgent = await StartAsync(bank, 0, (services, _) => services.AddGrpc().Services.AddLoanAgent(o => o.GatewayAddress = bank.GatewayLocalUrl), app => app.MapLoanAgent(), cancellationToken);
        progress($"bank: loan agent {loanAgent}");

        var auditKeys = Path.Combine(bureau.Folder, "audit-keys.jwks.json");
        await File.WriteAllTextAsync(auditKeys, $"{{\"keys\":[{SigningKey.Generate().PublicKey.ToJson()}]}}", cancellationToken);
        DemoSetup.ConfigureGateways(bank, bureau, Certificates, loanAgent, creditAgent, auditKeys);
        await StartAsync(bureau, null, (services, configuration) => services.AddFederatedGateway(configuration), app => app.MapFederatedGateway(), cancellationToken);
        progress($"bureau: gateway, partners at {bureau.GatewayPartnerUrl}");
        await StartAsync(bank, null, (services, configuration) => services.AddFederatedGateway(configuration).AddOutboundCalls(configuration), app => app.MapFederatedGateway(), cancellationToken);
        progress($"bank: gateway, local agents at {bank.GatewayLocalUrl}");
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
