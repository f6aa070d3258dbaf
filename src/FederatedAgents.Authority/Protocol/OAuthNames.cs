namespace FederatedAgents.Authority.Protocol;

/// <summary>Registered OAuth values this authority speaks (RFC 6749, 7521, 7523, 8693).</summary>
internal static class OAuthNames
{
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public const string AccessTokenType = Client.TokenTypeUris.AccessToken;
    public const string JwtTokenType = Client.TokenTypeUris.Jwt;

    public const string Bearer = "Bearer";

    /// <summary>RFC 8693 §2.2.1: the issued token is not an access token.</summary>
    public const string NotApplicable = "N_A";
}
