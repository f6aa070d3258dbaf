namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// <c>Authority:DevIdentityProvider</c>: for development, the authority also acts as a minimal identity
/// provider. A configured user posts <c>username</c> and <c>password</c> to <c>/dev/login</c> and gets an
/// access token for themself (issuer = this authority, audience = this authority) to use as <c>subject_token</c>.
/// Passwords sit in the configuration in clear text: never enable it in production.
/// </summary>
public sealed class DevIdentityProviderOptions
{
    /// <summary>Lifetime of a login token; exchanged tokens never outlive it. Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public List<DevUserOptions> Users { get; set; } = [];
}

/// <summary><c>Authority:DevIdentityProvider:Users:n</c>: one test user.</summary>
public sealed class DevUserOptions
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The scopes the user holds (and may delegate).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Optional: the client id of the one actor that may act for this user (the token's <c>may_act</c>).</summary>
    public string? MayAct { get; set; }
}
