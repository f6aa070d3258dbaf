using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Grants;

public sealed class ClientCredentialsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestClientCredentials_PrivateKeyJwt_IssuesTokenForTheClientItself()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var token = await authority.Client("orchestrator").RequestClientCredentialsAsync(["loans.read"], cancellationToken: Cancel).Bounded();

        var claims = await TokenAssert.ValidAccessTokenAsync(authority, token.AccessToken, authority.Setup.Gateway);
        Assert.Equal(("orchestrator", "orchestrator"), (claims.Subject, claims.ClientId));
        Assert.Equal(["loans.read"], claims.Scopes);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(["loans.read"], token.Scopes);
        Assert.InRange(token.ExpiresIn, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.DoesNotContain("refresh_token", token.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestClientCredentials_TlsClientAuth_IssuesAllAllowedScopesByDefault()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var token = await authority.Client("bank-gateway", authority.ClientCertificate("bank")).RequestClientCredentialsAsync(cancellationToken: Cancel).Bounded();

        var claims = await TokenAssert.ValidAccessTokenAsync(authority, token.AccessToken, authority.Setup.Gateway);
        Assert.Equal("bank-gateway", claims.Subject);
        Assert.Equal(["credit.read", "loans.read"], claims.Scopes);
    }

    [Fact]
    public async Task RequestClientCredentials_ScopeTheClientMayNotHold_InvalidScopeNamingIt()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        await OAuthAssert.FailsAsync(
            authority.Client("credit-agent").RequestClientCredentialsAsync(["credit.read", "loans.apply"], cancellationToken: Cancel),
            "invalid_scope",
            400,
            "may not hold 'loans.apply'");
    }

    [Theory]
    [InlineData("audience", "https://gateway.bureau.test", "may not ask for a token for 'https://gateway.bureau.test'")]
    [InlineData("resource", "gateway", "not an absolute URI")]
    [InlineData("resource", "https://gateway.bank.test#x", "not an absolute URI without a fragment")]
    public async Task RequestClientCredentials_TargetNotAllowed_InvalidTarget(string parameter, string value, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var certificate = authority.ClientCertificate("bank");

        var response = await authority.PostAsync(
            "/token",
            [new("grant_type", "client_credentials"), new("client_id", "bank-gateway"), new(parameter, value)],
            authority.NewHttpClient(certificate));

        OAuthAssert.Error(response, "invalid_target", 400, mentions);
    }

    [Fact]
    public async Task RequestClientCredentials_ResourceOnTheAllowList_BecomesTheAudience()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var certificate = authority.ClientCertificate("bank");

        var response = await authority.PostAsync(
            "/token",
            [new("grant_type", "client_credentials"), new("client_id", "bank-gateway"), new("resource", authority.Setup.Gateway)],
            authority.NewHttpClient(certificate));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal("no-store", response.CacheControl);
        await TokenAssert.ValidAccessTokenAsync(authority, response.Json.GetProperty("access_token").GetString()!, authority.Setup.Gateway);
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type", "'password' is not supported")]
    [InlineData("", "invalid_request", "'grant_type' is missing")]
    public async Task RequestToken_UnknownOrMissingGrantType_ErrorSaysWhatIsSupported(string grantType, string error, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var response = await authority.PostAsync(
            "/token", [new("grant_type", grantType), new("client_id", "bank-gateway")], authority.NewHttpClient(authority.ClientCertificate("bank")));

        OAuthAssert.Error(response, error, 400, mentions);
    }

    [Fact]
    public async Task RequestToken_RepeatedParameter_InvalidRequest()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var response = await authority.PostAsync(
            "/token",
            [new("grant_type", "client_credentials"), new("client_id", "bank-gateway"), new("scope", "loans.read"), new("scope", "credit.read")],
            authority.NewHttpClient(authority.ClientCertificate("bank")));

        OAuthAssert.Error(response, "invalid_request", 400, "'scope' appears 2 times");
    }

    [Fact]
    public async Task RequestToken_NotAForm_InvalidRequest()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        using var response = await authority.Http.PostAsync($"{authority.Issuer}/token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Cancel).Bounded();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
