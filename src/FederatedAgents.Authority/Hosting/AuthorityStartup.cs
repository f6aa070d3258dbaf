using FederatedAgents.Authority.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Hosting;

/// <summary>
/// Loads the authority's settings while the host starts (after the configuration check, before Kestrel
/// listens), so the first request finds keys and clients ready, and says what is running.
/// </summary>
internal sealed partial class AuthorityStartup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    /// <remarks>Settings are resolved when starting: the host builds hosted services before it checks the configuration.</remarks>
    public AuthorityStartup(IServiceProvider services, ILogger<AuthorityStartup> logger)
    {
        _services = services;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = _services.GetRequiredService<AuthoritySettings>();
        Log.Ready(_logger, settings.Issuer, settings.Organization.Name, settings.Clients.Count, settings.PartnersByIssuer.Count, settings.IdentityProviders.Count);
        if (settings.DevIdentityProvider is not null)
        {
            Log.DevelopmentLogin(_logger, settings.Endpoints.DevLogin);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
