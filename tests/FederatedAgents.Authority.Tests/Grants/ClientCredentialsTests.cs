using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Grants;

public sealed class ClientCredentialsTests
{
    [Fact]
    public async Task RequestClientCredentials_PrivateKeyJwt_IssuesTokenForTheClientItself()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var token = await authority.Client("orchestrator").RequestClientCredentialsAsync(["loans.read"], cancellationToken: TestContext.Current.CancellationToken).Bounded();

        var claims = await TokenAssert.ValidAccessTokenAsync(authority, token.AccessToken, authority.Setup.Gateway);
        Assert.Equal(("orchestrator", "orchestrator"), (claims.Subject, claims.ClientId));
        Assert.Equal(["loans.read"], claims.Scopes);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(["loans.read"], token.Scopes);
        Assert.InRange(token.ExpiresIn, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }
}
