using System.Text.Json;
using FederatedAgents.Authority.Configuration;

namespace FederatedAgents.Authority.Client;

/// <summary>An authority's RFC 8414 metadata, fetched from its issuer and checked to name exactly that issuer (§3.3).</summary>
public sealed record AuthorizationServerMetadata(
    string Issuer, Uri TokenEndpoint, Uri JwksUri, Uri? IntrospectionEndpoint, Uri? RevocationEndpoint)
{
    /// <summary>GETs <c>/.well-known/oauth-authorization-server</c> of <paramref name="issuer"/>; throws <see cref="AuthorityRequestException"/> saying what is wrong.</summary>
    public static async Task<AuthorizationServerMetadata> FetchAsync(HttpClient http, string issuer, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || issuerUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new AuthorityRequestException($"'{issuer}' is not an issuer: use the https URL the authority is known by.");
        }

        var location = new AuthorityEndpoints(issuerUri).Metadata;
        using var document = await AuthorityHttp.GetJsonAsync(http, new Uri(location), cancellationToken);
        var root = document.RootElement;
        var named = String(root, "issuer", location);
        if (named != issuer)
        {
            throw new AuthorityRequestException($"the metadata at {location} names issuer '{named}', not '{issuer}' (RFC 8414 §3.3 requires them to be identical).");
        }

        return new AuthorizationServerMetadata(
            named,
            Endpoint(root, "token_endpoint", location)!,
            Endpoint(root, "jwks_uri", location)!,
            Endpoint(root, "introspection_endpoint", location, optional: true),
            Endpoint(root, "revocation_endpoint", location, optional: true));
    }

    private static string String(JsonElement root, string name, string location) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AuthorityRequestException($"the metadata at {location} has no string '{name}'.");

    private static Uri? Endpoint(JsonElement root, string name, string location, bool optional = false)
    {
        if (optional && !root.TryGetProperty(name, out _))
        {
            return null;
        }

        var value = String(root, name, location);
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new AuthorityRequestException($"the metadata at {location} has '{name}' = '{value}', which is not an https URL.");
    }
}
