using FederatedAgents.Testing;
using FederatedAgents.Tokens.Keys;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Tests;

/// <summary>Checks issued tokens the way a resource server would: with the keys the authority publishes at its jwks_uri.</summary>
internal static class TokenAssert
{
    public static async Task<ValidatedToken> ValidAccessTokenAsync(TestAuthority authority, string token, string audience) =>
        await ValidAsync(authority, token, TokenKind.AccessToken, audience);

    public static async Task<ValidatedToken> ValidAsync(TestAuthority authority, string token, TokenKind kind, string audience)
    {
        var resolver = new JwksIssuerKeyResolver([new JwksIssuer(authority.Issuer, new Uri($"{authority.Issuer}/jwks"))], authority.Http, TimeProvider.System);
        var validator = new TokenValidator(new TokenValidatorOptions { Kind = kind, Audience = audience, Issuers = [authority.Issuer] }, resolver, TimeProvider.System);
        var result = await validator.ValidateAsync(token, TestContext.Current.CancellationToken).Bounded();
        Assert.True(result.IsValid, result.ToString());
        return result.Token;
    }
}
