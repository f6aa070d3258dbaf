namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The claims of a principal the delegation-token scheme authenticated. Each claim's <c>Issuer</c> is the token's
/// issuer; the subject is the identity's name. Absent token claims give no claim.
/// </summary>
public static class DelegationTokenClaimTypes
{
    public const string Subject = "sub";

    public const string Issuer = "iss";

    public const string ClientId = "client_id";

    public const string JwtId = "jti";

    /// <summary>One claim per granted scope.</summary>
    public const string Scope = "scope";

    /// <summary>The workflow or transaction the call belongs to.</summary>
    public const string TransactionId = "txn";

    public const string Purpose = "purpose";

    /// <summary>How many actors the delegation chain holds (<c>act</c> nesting); 0 when the subject acts itself.</summary>
    public const string ActorDepth = "act_depth";
}
