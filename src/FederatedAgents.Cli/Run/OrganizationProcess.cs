using FederatedAgents.Authority.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Cli.Run;

/// <summary>What one <c>run --config</c> process hosts: the organization's authority and/or gateway, and sample agents.</summary>
internal sealed class OrganizationProcess(WebApplication? organization, WebApplication? agents) : IAsyncDisposable
{
    /// <summary>The authority and/or gateway; null when the file configures sample agents only.</summary>
    public WebApplication? Organization { get; } = organization;

    public WebApplication? Agents { get; } = agents;

    private IEnumerable<WebApplication> Applications => new[] { Organization, Agents }.OfType<WebApplication>();

    /// <summary>Starts the organization first, so agents find their gateway; agents are started even if they are listed alone.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var app in Applications)
        {
            await app.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        foreach (var app in Applications.Reverse())
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>E.g. <c>Authority https://127.0.0.1:7443, gateway and sample agents listening on …</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Organization is { } app)
        {
            if (app.Configuration.GetSection(OrganizationHost.AuthoritySection).Exists())
            {
                parts.Add($"Authority {app.Services.GetRequiredService<IOptions<AuthorityOptions>>().Value.Issuer}");
            }

            if (app.Configuration.GetSection(OrganizationHost.GatewaySection).Exists())
            {
                parts.Add(parts.Count == 0 ? "Gateway" : "gateway");
            }
        }

        if (Agents is not null)
        {
            parts.Add(parts.Count == 0 ? "Sample agents" : "sample agents");
        }

        var components = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
        return $"{components} listening on {string.Join(", ", Applications.SelectMany(a => a.Urls))}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Applications)
        {
            await app.DisposeAsync();
        }
    }
}
