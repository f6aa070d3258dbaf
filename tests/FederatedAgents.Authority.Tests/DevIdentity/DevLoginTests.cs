using System.Net;

namespace FederatedAgents.Authority.Tests.DevIdentity;

public sealed class DevLoginTests
{
    [Fact]
    public async Task DevLogin_NotConfigured_IsNotMapped()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.Remove("Authority:DevIdentityProvider");
        await using var authority = await setup.StartAsync();

        var response = await authority.PostAsync("/dev/login", [new("username", "alice"), new("password", "alice-password")]);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task DevLogin_WrongPassword_InvalidGrant()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var response = await authority.PostAsync("/dev/login", [new("username", "alice"), new("password", "guess")]);

        OAuthAssert.Error(response, "invalid_grant", 400, "username or password is wrong");
    }

    [Fact]
    public async Task DevLogin_Alice_TokenForHerWithMayActAndNarrowedScope()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var token = await TokenAssert.ValidAccessTokenAsync(authority, await authority.LoginAsync("alice", "loans.read"), authority.Issuer);

        Assert.Equal(("alice", "dev-login"), (token.Subject, token.ClientId));
        Assert.Equal(["loans.read"], token.Scopes);
        Assert.Equal($"orchestrator@{authority.Issuer}", token.Chain!.MayAct.ToString());
    }
}
