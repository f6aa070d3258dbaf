using System.Text;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Keys;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Authority.Metadata;

/// <summary>
/// The JWKS at <c>jwks_uri</c>: the key ring's current, next and (after a rotation) previous public keys,
/// re-serialized only when the ring rotates.
/// </summary>
internal sealed class JwksEndpoint
{
    private readonly KeyRing _keys;
    private (JsonWebKeySet Set, byte[] Json)? _cached;

    public JwksEndpoint(AuthoritySettings settings) => _keys = settings.Keys;

    public Task HandleAsync(HttpContext context)
    {
        var set = _keys.PublicKeys;
        var cached = _cached;
        if (cached is null || !ReferenceEquals(cached.Value.Set, set))
        {
            cached = (set, Encoding.UTF8.GetBytes(set.ToJson()));
            _cached = cached;
        }

        context.Response.ContentType = "application/jwk-set+json";
        context.Response.Headers.CacheControl = "public, max-age=300";
        return context.Response.Body.WriteAsync(cached.Value.Json, context.RequestAborted).AsTask();
    }
}
