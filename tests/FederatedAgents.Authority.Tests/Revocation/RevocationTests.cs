using System.Net;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Tests.Grants;
using FederatedAgents.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Authority.Tests.Revocation;

/// <summary>RFC 7009 revocation with lineage: revoking a token revokes every token exchanged from it.</summary>
public sealed class RevocationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoke_Parent_DescendantIsInactiveAtIntrospectionAndInTheRevocationList()
    {
        await using var authority = await StartAsync();
        var (parent, child) = await TwoHopsAsync(authority);
        var introspector = authority.Client("bank-gateway", authority.ClientCertificate("bank"));
        Assert.True((await introspector.IntrospectAsync(child, Cancel).Bounded()).GetProperty("active").GetBoolean());

        await authority.Client("orchestrator").RevokeAsync(parent, Cancel).Bounded();

        var introspection = await introspector.IntrospectAsync(child, Cancel).Bounded();
        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.Single(introspection.EnumerateObject());
        var revocations = authority.Services.GetRequiredService<IRevocationList>();
        Assert.True(revocations.IsRevoked(await JwtIdAsync(authority, child)));
        Assert.True(revocations.IsRevoked(await JwtIdAsync(authority, parent)));
    }

    [Fact]
    public async Task Revoke_PersonsLoginByAnAdmin_EveryTokenExchangedFromItIsInactive()
    {
        await using var authority = await StartAsync();
        var alice = await authority.LoginAsync("alice");
        var first = await TokenExchangeTests.ExchangeAsync(authority, "orchestrator", alice);
        var second = await TokenExchangeTests.ExchangeAsync(authority, "credit-agent", first.AccessToken);

        await authority.Client("admin").RevokeAsync(alice, Cancel).Bounded();

        var introspector = authority.Client("bank-gateway", authority.ClientCertificate("bank"));
        foreach (var token in new[] { alice, first.AccessToken, second.AccessToken })
        {
            Assert.False((await introspector.IntrospectAsync(token, Cancel).Bounded()).GetProperty("active").GetBoolean());
        }
    }

    [Fact]
    public async Task Exchange_FromARevokedTokenOrItsDescendant_Refused()
    {
        await using var authority = await StartAsync();
        var (parent, child) = await TwoHopsAsync(authority);
        await authority.Client("orchestrator").RevokeAsync(parent, Cancel).Bounded();

        await OAuthAssert.FailsAsync(TokenExchangeTests.ExchangeAsync(authority, "credit-agent", parent), "invalid_request", 400, "has been revoked");
        await OAuthAssert.FailsAsync(TokenExchangeTests.ExchangeAsync(authority, "credit-agent", child), "invalid_request", 400, "has been revoked");
    }

    [Fact]
    public async Task Revoke_TokenIssuedToAnotherClient_UnauthorizedClientAndStillActive()
    {
        await using var authority = await StartAsync();
        var (parent, _) = await TwoHopsAsync(authority);

        await OAuthAssert.FailsAsync(authority.Client("credit-agent").RevokeAsync(parent, Cancel), "unauthorized_client", 400, "was issued to client 'orchestrator'");

        var introspection = await authority.Client("bank-gateway", authority.ClientCertificate("bank")).IntrospectAsync(parent, Cancel).Bounded();
        Assert.True(introspection.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")]
    public async Task Revoke_UnknownToken_200(string token)
    {
        await using var authority = await StartAsync();

        var response = await authority.PostAsync("/revoke", [new("token", token), new("client_id", "bank-gateway")], authority.NewHttpClient(authority.ClientCertificate("bank")));

        Assert.Equal((HttpStatusCode.OK, ""), (response.Status, response.Body));
    }

    [Fact]
    public async Task Revoke_WithoutClientAuthentication_401()
    {
        await using var authority = await StartAsync();

        var response = await authority.PostAsync("/revoke", [new("token", await authority.LoginAsync("bob"))]);

        OAuthAssert.Error(response, "invalid_client", 401, "no client authentication");
    }

    [Fact]
    public async Task RevocationList_InAnotherHostOnTheSameStore_SeesTheRevocationWithinAPoll()
    {
        await using var authority = await StartAsync();
        var (parent, child) = await TwoHopsAsync(authority);
        var settings = new Dictionary<string, string?>(authority.Setup.Settings) { ["Authority:RevocationPollInterval"] = "00:00:00.1" };
        await using var gateway = TestAuthority.Build(authority.Setup.Folder, settings, (services, configuration) => services.AddFederatedRevocationList(configuration));
        await gateway.StartAsync(Cancel).Bounded();
        var list = gateway.Services.GetRequiredService<IRevocationList>();
        var childId = await JwtIdAsync(authority, child);
        Assert.False(list.IsRevoked(childId));

        await authority.Client("orchestrator").RevokeAsync(parent, Cancel).Bounded();

        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (!list.IsRevoked(childId))
        {
            await Task.Delay(50, deadline.Token);
        }

        await gateway.StopAsync(Cancel).Bounded();
    }

    [Fact]
    public async Task Introspect_ActiveToken_AnswersItsClaimsWithAct()
    {
        await using var authority = await StartAsync();
        var (parent, _) = await TwoHopsAsync(authority);

        var introspection = await authority.Client("credit-agent").IntrospectAsync(parent, Cancel).Bounded();

        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal(("alice", "orchestrator", "Bearer"), (
            introspection.GetProperty("sub").GetString(),
            introspection.GetProperty("act").GetProperty("sub").GetString(),
            introspection.GetProperty("token_type").GetString()));
        Assert.Equal(authority.Issuer, introspection.GetProperty("iss").GetString());
        Assert.True(introspection.TryGetProperty("exp", out _) && introspection.TryGetProperty("scope", out _) && introspection.TryGetProperty("client_id", out _));
    }

    [Fact]
    public async Task Introspect_WithoutClientAuthentication_401InvalidClient()
    {
        await using var authority = await StartAsync();

        var response = await authority.PostAsync("/introspect", [new("token", await authority.LoginAsync("bob"))]);

        OAuthAssert.Error(response, "invalid_client", 401, "no client authentication");
        Assert.Contains("tls_client_auth", response.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspect_AnotherIssuersToken_Inactive()
    {
        await using var authority = await StartAsync();
        await using var otherAuthority = await (await AuthoritySetup.CreateAsync("bureau")).WithDefaults().StartAsync();
        var foreign = await otherAuthority.LoginAsync("bob");

        var introspection = await authority.Client("credit-agent").IntrospectAsync(foreign, Cancel).Bounded();

        Assert.False(introspection.GetProperty("active").GetBoolean());
    }

    private static async Task<TestAuthority> StartAsync()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.LetActFor("credit-agent", "*");
        return await setup.StartAsync();
    }

    /// <summary>alice → orchestrator (the parent, issued to orchestrator) → credit-agent (the child).</summary>
    private static async Task<(string Parent, string Child)> TwoHopsAsync(TestAuthority authority)
    {
        var parent = await TokenExchangeTests.ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"));
        var child = await TokenExchangeTests.ExchangeAsync(authority, "credit-agent", parent.AccessToken);
        return (parent.AccessToken, child.AccessToken);
    }

    private static async Task<string> JwtIdAsync(TestAuthority authority, string token) =>
        (await TokenAssert.ValidAccessTokenAsync(authority, token, authority.Setup.Gateway)).JwtId!;
}
