using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// One process hosting exactly the components its organization file configures: the authority (<c>Authority</c>
/// section), the gateway with its security pipeline (<c>Gateway</c>; with <c>Gateway:Outbound</c> it also carries the
/// organization's calls to partners), and sample agents (<c>Agents:Samples</c>, see <see cref="SampleAgentsHost"/>).
/// Authority and gateway share one web application and write to the organization's audit log; the gateway knows the
/// sample agents' descriptors for its egress filter. Configuration is the JSON file (comments allowed) plus environment
/// overrides prefixed <c>FA__</c> (e.g. <c>FA__Authority__Issuer</c>); relative paths start at the file's folder.
/// </summary>
internal static class OrganizationHost
{
    public const string EnvironmentPrefix = "FA__";

    public const string AuthoritySection = "Authority";

    public const string GatewaySection = "Gateway";

    public const string OutboundSection = "Gateway:Outbound";

    /// <exception cref="InvalidDataException">The file is not valid JSON (or <see cref="FormatException"/>).</exception>
    /// <exception cref="OrganizationFileException">The file configures nothing to run, or its sample agents are wrong.</exception>
    public static async Task<OrganizationProcess> BuildAsync(string configurationFile)
    {
        var builder = CreateBuilder(configurationFile);
        var configuration = builder.Configuration;
        var hostsAuthority = configuration.GetSection(AuthoritySection).Exists();
        var hostsGateway = configuration.GetSection(GatewaySection).Exists();
        var agents = SampleAgentsHost.Build(CreateBuilder(configurationFile));
        if (!hostsAuthority && !hostsGateway && agents is null)
        {
            throw new OrganizationFileException([
                $"The file configures nothing to run; add an \"{AuthoritySection}\" section (the authority), a \"{GatewaySection}\" section (the gateway) " +
                $"and/or \"{SampleAgentsHost.SectionName}\" (sample agents); see deploy/local/bank.json."]);
        }

        try
        {
            return new OrganizationProcess(hostsAuthority || hostsGateway ? BuildOrganization(builder, hostsAuthority, hostsGateway) : null, agents);
        }
        catch
        {
            if (agents is not null)
            {
                await agents.DisposeAsync();
            }

            throw;
        }
    }

    private static WebApplication BuildOrganization(WebApplicationBuilder builder, bool hostsAuthority, bool hostsGateway)
    {
        if (hostsAuthority)
        {
            builder.Services.AddFederatedAuthority(builder.Configuration);
        }

        if (hostsGateway)
        {
            var gateway = builder.Services.AddFederatedGateway(builder.Configuration)
                .AddGatewaySecurity(builder.Configuration)
                .AddServiceDescriptors(CreditAssessmentReflection.Descriptor, LoanDeskReflection.Descriptor);
            if (builder.Configuration.GetSection(OutboundSection).Exists())
            {
                // After the security pipeline: outbound calls reuse the identity its authentication validated.
                gateway.AddOutboundCalls(builder.Configuration);
            }
        }

        var app = builder.Build();
        if (hostsAuthority)
        {
            app.MapFederatedAuthority();
        }

        if (hostsGateway)
        {
            app.MapFederatedGateway();
        }

        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string configurationFile)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.GetDirectoryName(configurationFile),
            ApplicationName = "FederatedAgents",
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(configurationFile, optional: false, reloadOnChange: true).AddEnvironmentVariables(EnvironmentPrefix);
        builder.Logging.ClearProviders()
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }
}
