using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// One process hosting an organization's components from its configuration file: the authority, and the gateway
/// with its security pipeline when the file has a <c>Gateway</c> section (both write to the organization's audit
/// log; the gateway knows the demo agents' descriptors for its egress filter). Configuration is the JSON file (comments allowed) plus environment
/// overrides prefixed <c>FA__</c> (e.g. <c>FA__Authority__Issuer</c>); relative paths start at the file's folder.
/// </summary>
internal static class OrganizationHost
{
    public const string EnvironmentPrefix = "FA__";

    /// <summary>The section whose presence makes the process host the gateway too.</summary>
    public const string GatewaySection = "Gateway";

    /// <summary>Throws <see cref="InvalidDataException"/> or <see cref="FormatException"/> when the file is not valid JSON.</summary>
    public static WebApplication Build(string configurationFile)
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
        builder.Services.AddFederatedAuthority(builder.Configuration);
        var hostsGateway = builder.Configuration.GetSection(GatewaySection).Exists();
        if (hostsGateway)
        {
            builder.Services.AddFederatedGateway(builder.Configuration)
                .AddGatewaySecurity(builder.Configuration)
                .AddServiceDescriptors(CreditAssessmentReflection.Descriptor, LoanDeskReflection.Descriptor);
        }

        var app = builder.Build();
        app.MapFederatedAuthority();
        if (hostsGateway)
        {
            app.MapFederatedGateway();
        }

        return app;
    }
}
