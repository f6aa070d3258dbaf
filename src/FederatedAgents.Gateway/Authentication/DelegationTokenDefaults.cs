namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The delegation-token authentication scheme that <c>AddGatewaySecurity()</c> registers. It is never the host's
/// default scheme: name it wherever it should authenticate (e.g.
/// <c>policy.AddAuthenticationSchemes(DelegationTokenDefaults.AuthenticationScheme).RequireAuthenticatedUser()</c>).
/// </summary>
public static class DelegationTokenDefaults
{
    public const string AuthenticationScheme = "DelegationToken";
}
