using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// One process hosting an organization's components from its configuration file: the authority now
/// (the gateway joins when configured). Configuration is the JSON file (comments allowed) plus environment
/// overrides prefixed <c>FA__</c> (e.g. <c>FA__Authority__Issuer</c>); relative paths start at the file's folder.
/// </summary>
internal static class OrganizationHost
{
    public const string EnvironmentPrefix = "FA__";

    /// <summary>Throws <see cref="InvalidDataException"/> or <see cref="FormatException"/> when the file is not valid JSON.</summary>
    public static WebApplication Build(string configurationFile)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.GetDirectoryName(configurationFile),
            ApplicationName = "FederatedAgents",
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(configurationFile, optional: false, reloadOnChange: false).AddEnvironmentVariables(EnvironmentPrefix);
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
        var app = builder.Build();
        app.MapFederatedAuthority();
        return app;
    }
}
