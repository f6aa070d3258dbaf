namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// The authority's URLs, all under its issuer: the issuer's path (if any) prefixes every endpoint, and
/// the RFC 8414 metadata sits at <c>/.well-known/oauth-authorization-server</c> followed by that path.
/// </summary>
internal sealed class AuthorityEndpoints
{
    public const string MetadataSuffix = "/.well-known/oauth-authorization-server";

    public AuthorityEndpoints(Uri issuer)
    {
        Issuer = issuer.OriginalString;
        PathBase = issuer.AbsolutePath.TrimEnd('/');
        var origin = issuer.GetLeftPart(UriPartial.Authority);
        MetadataPath = MetadataSuffix + PathBase;
        Metadata = origin + MetadataPath;
    }

    public string Issuer { get; }

    /// <summary>The issuer's path, "" when it has none.</summary>
    public string PathBase { get; }

    public string MetadataPath { get; }

    public string Metadata { get; }

    public string TokenPath => PathBase + "/token";

    public string JwksPath => PathBase + "/jwks";

    public string IntrospectionPath => PathBase + "/introspect";

    public string RevocationPath => PathBase + "/revoke";

    public string DevLoginPath => PathBase + "/dev/login";

    public string Token => Issuer + "/token";

    public string Jwks => Issuer + "/jwks";

    public string Introspection => Issuer + "/introspect";

    public string Revocation => Issuer + "/revoke";

    public string DevLogin => Issuer + "/dev/login";
}
