using FederatedAgents.Authority.Revocation;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Authority.Tests.Hosting;

/// <summary>What a gateway in the authority's process uses: the local issuer and keys, and the revocation list.</summary>
public sealed class LocalAuthorityTests
{
    [Fact]
    public async Task LocalAuthority_ValidatesTheAuthoritysTokensInProcess()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var local = authority.Services.GetRequiredService<LocalAuthority>();
        var token = await authority.Client("orchestrator").RequestClientCredentialsAsync(cancellationToken: TestContext.Current.CancellationToken).Bounded();
        var validator = new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = authority.Setup.Gateway, Issuers = [local.Issuer] }, local.Keys, TimeProvider.System);

        var result = await validator.ValidateAsync(token.AccessToken, TestContext.Current.CancellationToken).Bounded();

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(authority.Issuer, local.Issuer);
        Assert.False(authority.Services.GetRequiredService<IRevocationList>().IsRevoked(result.Token.JwtId!));
    }
}
