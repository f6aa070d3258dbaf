using System.Globalization;
using System.Security.Claims;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Gateway.Authentication;

/// <summary>
/// The principal of a validated delegation token (<see cref="DelegationTokenClaimTypes"/>): its strings as they are,
/// each claim created for the identity it belongs to (no copies).
/// </summary>
internal static class DelegationTokenPrincipal
{
    public static ClaimsPrincipal Create(ValidatedToken token, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, DelegationTokenClaimTypes.Subject, ClaimsIdentity.DefaultRoleClaimType);
        Add(identity, token, DelegationTokenClaimTypes.Subject, token.Subject);
        Add(identity, token, DelegationTokenClaimTypes.Issuer, token.Issuer);
        Add(identity, token, DelegationTokenClaimTypes.ClientId, token.ClientId);
        Add(identity, token, DelegationTokenClaimTypes.JwtId, token.JwtId);
        foreach (var scope in token.Scopes)
        {
            Add(identity, token, DelegationTokenClaimTypes.Scope, scope);
        }

        Add(identity, token, DelegationTokenClaimTypes.TransactionId, token.Chain?.TransactionId);
        Add(identity, token, DelegationTokenClaimTypes.Purpose, token.Chain?.Purpose);
        identity.AddClaim(new Claim(
            DelegationTokenClaimTypes.ActorDepth, (token.Chain?.Depth ?? 0).ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32, token.Issuer, token.Issuer, identity));
        return new ClaimsPrincipal(identity);
    }

    private static void Add(ClaimsIdentity identity, ValidatedToken token, string type, string? value)
    {
        if (value is not null)
        {
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, token.Issuer, token.Issuer, identity));
        }
    }
}
