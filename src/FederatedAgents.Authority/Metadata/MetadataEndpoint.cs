using System.Text;
using System.Text.Json;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Tokens.Jose;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Metadata;

/// <summary>
/// RFC 8414 authorization server metadata at <c>/.well-known/oauth-authorization-server</c> (plus the
/// issuer's path): the exact issuer, the endpoints, and what is supported, built once.
/// </summary>
internal sealed class MetadataEndpoint
{
    private static readonly string[] s_authMethods = [ClientOptions.PrivateKeyJwt, ClientOptions.TlsClientAuth];

    private readonly byte[] _document;

    public MetadataEndpoint(AuthoritySettings settings) => _document = Encoding.UTF8.GetBytes(Build(settings));

    public Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "public, max-age=300";
        return context.Response.Body.WriteAsync(_document, context.RequestAborted).AsTask();
    }

    private static string Build(AuthoritySettings settings)
    {
        var endpoints = settings.Endpoints;
        var algorithms = JwsAlgorithm.All.Select(a => a.Name).ToArray();
        var document = new Dictionary<string, object>
        {
            ["issuer"] = settings.Issuer,
            ["token_endpoint"] = endpoints.Token,
            ["jwks_uri"] = endpoints.Jwks,
            ["introspection_endpoint"] = endpoints.Introspection,
            ["revocation_endpoint"] = endpoints.Revocation,
            ["response_types_supported"] = Array.Empty<string>(),
            ["grant_types_supported"] = new[] { OAuthNames.ClientCredentials, OAuthNames.TokenExchange, OAuthNames.JwtBearer },
            ["token_endpoint_auth_methods_supported"] = s_authMethods,
            ["token_endpoint_auth_signing_alg_values_supported"] = algorithms,
            ["introspection_endpoint_auth_methods_supported"] = s_authMethods,
            ["introspection_endpoint_auth_signing_alg_values_supported"] = algorithms,
            ["revocation_endpoint_auth_methods_supported"] = s_authMethods,
            ["revocation_endpoint_auth_signing_alg_values_supported"] = algorithms,
            ["tls_client_certificate_bound_access_tokens"] = true,
            ["scopes_supported"] = settings.Clients.Values.SelectMany(c => c.Scopes).Distinct().Order(StringComparer.Ordinal).ToArray(),
        };
        return JsonSerializer.Serialize(document);
    }
}
