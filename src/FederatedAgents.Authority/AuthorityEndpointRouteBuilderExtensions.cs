using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.DevIdentity;
using FederatedAgents.Authority.Grants;
using FederatedAgents.Authority.Hosting;
using FederatedAgents.Authority.Introspection;
using FederatedAgents.Authority.Metadata;
using FederatedAgents.Authority.Revocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the authority's endpoints.</summary>
public static class AuthorityEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under the issuer's path: <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414), <c>GET /jwks</c>,
    /// <c>POST /token</c>, <c>POST /introspect</c> (RFC 7662), <c>POST /revoke</c> (RFC 7009), and
    /// <c>POST /dev/login</c> when <c>Authority:DevIdentityProvider</c> is configured. Fails here when
    /// <c>AddFederatedAuthority</c> was not called.
    /// </summary>
    public static IEndpointConventionBuilder MapFederatedAuthority(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registration = endpoints.ServiceProvider.GetService<AuthorityRegistration>()
            ?? throw new InvalidOperationException(
                "Cannot map the authority: it is not registered. Call services.AddFederatedAuthority(builder.Configuration) when configuring services.");

        // The paths come from the raw issuer so that mapping never pre-empts the startup check, which reports a bad issuer with every other problem.
        var section = registration.Configuration.GetSection(AuthorityOptions.SectionName);
        var issuer = Uri.TryCreate(section[nameof(AuthorityOptions.Issuer)], UriKind.Absolute, out var uri) ? uri : new Uri("https://authority.invalid");
        var paths = new AuthorityEndpoints(issuer);
        var builders = new List<IEndpointConventionBuilder>
        {
            Map<MetadataEndpoint>(endpoints, HttpMethods.Get, paths.MetadataPath, (e, c) => e.HandleAsync(c)),
            Map<JwksEndpoint>(endpoints, HttpMethods.Get, paths.JwksPath, (e, c) => e.HandleAsync(c)),
            Map<TokenEndpoint>(endpoints, HttpMethods.Post, paths.TokenPath, (e, c) => e.HandleAsync(c)),
            Map<IntrospectionEndpoint>(endpoints, HttpMethods.Post, paths.IntrospectionPath, (e, c) => e.HandleAsync(c)),
            Map<RevocationEndpoint>(endpoints, HttpMethods.Post, paths.RevocationPath, (e, c) => e.HandleAsync(c)),
        };
        if (section.GetSection(nameof(AuthorityOptions.DevIdentityProvider)).Exists())
        {
            builders.Add(Map<DevLoginEndpoint>(endpoints, HttpMethods.Post, paths.DevLoginPath, (e, c) => e.HandleAsync(c)));
        }

        return new AuthorityConventionBuilder(builders);
    }

    private static IEndpointConventionBuilder Map<TEndpoint>(IEndpointRouteBuilder endpoints, string method, string path, Func<TEndpoint, HttpContext, Task> handle)
        where TEndpoint : class
    {
        TEndpoint? handler = null;
        return endpoints.MapMethods(path, [method], context => handle(handler ??= context.RequestServices.GetRequiredService<TEndpoint>(), context))
            .WithDisplayName($"Authority {method} {path}");
    }

    private sealed class AuthorityConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
