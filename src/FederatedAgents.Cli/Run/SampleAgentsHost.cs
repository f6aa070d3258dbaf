using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Cli.Run;

/// <summary>
/// The sample agents an organization file asks for under <c>Agents:Samples</c>, hosted in their own web application
/// (h2c, HTTP/2 only) beside the authority and gateway, as separate services would be:
/// <c>"Loan": { "Url": "http://127.0.0.1:7446", "GatewayAddress": "http://127.0.0.1:7445" }</c> (optional
/// <c>"CreditOrganization"</c>, default <c>bureau</c>) and <c>"Credit": { "Url": "http://127.0.0.1:7546" }</c>.
/// </summary>
internal static class SampleAgentsHost
{
    public const string SectionName = "Agents:Samples";

    private static readonly string[] s_agents = ["Loan", "Credit"];

    /// <summary>Null when the file has no <c>Agents:Samples</c> section.</summary>
    /// <exception cref="OrganizationFileException">The section is wrong.</exception>
    public static WebApplication? Build(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        if (!section.Exists())
        {
            return null;
        }

        var problems = section.GetChildren().Where(c => !s_agents.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{c.Path}: is not a sample agent; use Loan and/or Credit.").ToList();
        var loan = Listen(section.GetSection("Loan"), problems);
        var credit = Listen(section.GetSection("Credit"), problems);
        var gateway = loan is null ? null : Address(section.GetSection("Loan"), "GatewayAddress", "the organization gateway's local listener, e.g. http://127.0.0.1:7445", problems);
        if (problems.Count > 0)
        {
            throw new OrganizationFileException(problems);
        }

        builder.WebHost.UseKestrel(kestrel =>
        {
            foreach (var endpoint in new[] { loan, credit }.OfType<IPEndPoint>())
            {
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        var grpc = builder.Services.AddGrpc().Services;
        if (loan is not null)
        {
            var organization = section["Loan:CreditOrganization"];
            grpc.AddLoanAgent(options => (options.GatewayAddress, options.CreditOrganization) = (gateway, organization ?? options.CreditOrganization));
        }

        if (credit is not null)
        {
            grpc.AddCreditAgent();
        }

        var app = builder.Build();
        if (loan is not null)
        {
            app.MapLoanAgent();
        }

        if (credit is not null)
        {
            app.MapCreditAgent();
        }

        return app;
    }

    private static IPEndPoint? Listen(IConfigurationSection agent, List<string> problems)
    {
        if (!agent.Exists())
        {
            return null;
        }

        problems.AddRange(agent.GetChildren().Where(c => c.Key is not ("Url" or "GatewayAddress" or "CreditOrganization"))
            .Select(c => $"{c.Path}: is not a setting of a sample agent; use Url (and for Loan GatewayAddress, CreditOrganization)."));
        if (Address(agent, "Url", "where the agent listens (h2c), e.g. http://127.0.0.1:7446", problems) is not { } url)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttp || !IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip))
        {
            problems.Add($"{agent.Path}:Url: '{url}' cannot be listened on; use http:// (h2c), an IP address and a port, e.g. http://127.0.0.1:7446.");
            return null;
        }

        return new IPEndPoint(ip, url.Port);
    }

    private static Uri? Address(IConfigurationSection agent, string key, string what, List<string> problems)
    {
        var value = agent[key];
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/")
        {
            return uri;
        }

        problems.Add(value is null
            ? $"{agent.Path}:{key}: is missing; give {what}."
            : $"{agent.Path}:{key}: '{value}' is not an address; give {what} (scheme, host and port only).");
        return null;
    }
}
