using FederatedAgents.Authority.Client;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Delegation;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Tests.Grants;

/// <summary>RFC 8693 delegation: alice (may_act orchestrator) and bob (no may_act) delegate to agents.</summary>
public sealed class TokenExchangeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exchange_PersonToAgentWithActorToken_ActorAppendedScopesNarrowedTxnCreated()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var alice = await authority.LoginAsync("alice");

        var result = await ExchangeAsync(authority, "orchestrator", alice, withActorToken: true, scopes: ["loans.read", "credit.read"]);

        var token = await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, authority.Setup.Gateway);
        Assert.Equal(new Principal("alice", authority.Issuer), token.Chain!.Subject);
        Assert.Equal([new Principal("orchestrator", authority.Issuer)], token.Chain.Actors);
        Assert.Equal(["loans.read", "credit.read"], token.Scopes);
        Assert.Equal("orchestrator", token.ClientId);
        Assert.NotNull(token.Chain.TransactionId);
        Assert.Null(token.Chain.MayAct);
        Assert.Equal((TokenTypeUris.AccessToken, "Bearer"), (result.IssuedTokenType, result.TokenType));
    }

    [Fact]
    public async Task Exchange_WithoutActorToken_TheClientIsTheActor()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var result = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"));

        var token = await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, authority.Setup.Gateway);
        Assert.Equal("orchestrator", token.Chain!.CurrentActor!.Value.Subject);
    }

    [Fact]
    public async Task Exchange_SecondHop_OutermostActIsTheCurrentActorAndTxnIsCarried()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.LetActFor("credit-agent", $"alice@{setup.Issuer}");
        await using var authority = await setup.StartAsync();
        var first = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"), withActorToken: true);

        var second = await ExchangeAsync(authority, "credit-agent", first.AccessToken, withActorToken: true, scopes: ["credit.read"]);

        var token = await TokenAssert.ValidAccessTokenAsync(authority, second.AccessToken, setup.Gateway);
        var firstToken = await TokenAssert.ValidAccessTokenAsync(authority, first.AccessToken, setup.Gateway);
        Assert.Equal(["orchestrator", "credit-agent"], token.Chain!.Actors.Select(a => a.Subject));
        var act = token.Claims.GetProperty("act");
        Assert.Equal("credit-agent", act.GetProperty("sub").GetString());
        Assert.Equal("orchestrator", act.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(firstToken.Chain!.TransactionId, token.Chain.TransactionId);
        Assert.Equal(["credit.read"], token.Scopes);
    }

    [Fact]
    public async Task Exchange_AskingForScopesTheSubjectLacks_OnlyHeldScopesAreIssued()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var result = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("bob"), scopes: ["loans.read", "loans.apply"]);

        Assert.Equal(["loans.read"], result.Scopes);
        Assert.Equal(["loans.read"], (await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, authority.Setup.Gateway)).Scopes);
    }

    [Fact]
    public async Task Exchange_OnlyScopesTheSubjectLacks_InvalidScope()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        await OAuthAssert.FailsAsync(
            ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("bob"), scopes: ["loans.apply"]),
            "invalid_scope",
            400,
            "the subject_token holds 'loans.read credit.read'");
    }

    [Fact]
    public async Task Exchange_MayActNamesAnotherActor_InvalidRequest()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.LetActFor("credit-agent", "*");
        await using var authority = await setup.StartAsync();

        await OAuthAssert.FailsAsync(
            ExchangeAsync(authority, "credit-agent", await authority.LoginAsync("alice"), withActorToken: true),
            "invalid_request",
            400,
            $"may_act names 'orchestrator@{setup.Issuer}'");
    }

    [Fact]
    public async Task Exchange_NoMayActAndThePolicyDoesNotAllowIt_InvalidRequest()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        await OAuthAssert.FailsAsync(
            ExchangeAsync(authority, "credit-agent", await authority.LoginAsync("bob")),
            "invalid_request",
            400,
            $"does not let client 'credit-agent' act for 'bob@{authority.Issuer}'");
    }

    [Fact]
    public async Task Exchange_ChainDeeperThanAllowed_InvalidRequest()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.Settings["Authority:MaxDelegationDepth"] = "1";
        setup.LetActFor("credit-agent", "*");
        await using var authority = await setup.StartAsync();
        var first = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"));

        await OAuthAssert.FailsAsync(ExchangeAsync(authority, "credit-agent", first.AccessToken), "invalid_request", 400, "would hold 2 actors; this authority allows at most 1");
    }

    [Fact]
    public async Task Exchange_AudienceNotOnTheClientsList_InvalidTarget()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        await OAuthAssert.FailsAsync(
            ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"), audiences: ["https://gateway.bureau.test"]),
            "invalid_target",
            400,
            "may not ask for a token for 'https://gateway.bureau.test'");
    }

    [Fact]
    public async Task Exchange_SubjectExpiresBeforeTheAccessTokenLifetime_ExpiryClippedToTheSubjects()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.Settings["Authority:DevIdentityProvider:TokenLifetime"] = "00:01:30";
        await using var authority = await setup.StartAsync();
        var alice = await authority.LoginAsync("alice");

        var result = await ExchangeAsync(authority, "orchestrator", alice);

        var subject = await TokenAssert.ValidAccessTokenAsync(authority, alice, authority.Issuer);
        var exchanged = await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, setup.Gateway);
        Assert.Equal(subject.ExpiresAt, exchanged.ExpiresAt);
        Assert.InRange(result.ExpiresIn, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
    }

    [Theory]
    [InlineData(null, "loan", "loan")]
    [InlineData("loan", "loan/credit-check", "loan/credit-check")]
    [InlineData("loan", null, "loan")]
    public async Task Exchange_Purpose_CarriedOrNarrowed(string? first, string? second, string expected)
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.LetActFor("credit-agent", "*");
        await using var authority = await setup.StartAsync();
        var hop = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"), purpose: first ?? second);

        var result = first is null ? hop : await ExchangeAsync(authority, "credit-agent", hop.AccessToken, purpose: second);

        Assert.Equal(expected, (await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, setup.Gateway)).Chain!.Purpose);
    }

    [Fact]
    public async Task Exchange_PurposeThatDoesNotNarrow_InvalidRequest()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        setup.LetActFor("credit-agent", "*");
        await using var authority = await setup.StartAsync();
        var hop = await ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"), purpose: "loan");

        await OAuthAssert.FailsAsync(ExchangeAsync(authority, "credit-agent", hop.AccessToken, purpose: "marketing"), "invalid_request", 400, "does not narrow");
    }

    [Fact]
    public async Task Exchange_ActorTokenOfAnotherClient_InvalidRequest()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var creditAgentToken = await authority.Client("credit-agent").RequestClientCredentialsAsync(cancellationToken: Cancel).Bounded();

        var exchange = authority.Client("orchestrator").ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = await authority.LoginAsync("alice"), ActorToken = creditAgentToken.AccessToken }, Cancel);

        await OAuthAssert.FailsAsync(exchange, "invalid_request", 400, "was issued to client 'credit-agent', not to 'orchestrator'");
    }

    [Theory]
    [InlineData("urn:ietf:params:oauth:token-type:saml2", "subject_token_type")]
    [InlineData("urn:ietf:params:oauth:token-type:refresh_token", "subject_token_type")]
    public async Task Exchange_UnsupportedSubjectTokenType_InvalidRequest(string type, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var exchange = authority.Client("orchestrator").ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = await authority.LoginAsync("alice"), SubjectTokenType = type }, Cancel);

        await OAuthAssert.FailsAsync(exchange, "invalid_request", 400, mentions);
    }

    [Fact]
    public async Task Exchange_PersonTokenOfATrustedIdentityProvider_SubjectKeepsTheProvidersIssuer()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        using var identityProvider = SigningKey.Generate();
        TrustIdentityProvider(setup, identityProvider);
        await using var authority = await setup.StartAsync();

        var result = await ExchangeAsync(authority, "orchestrator", PersonToken(identityProvider, audience: setup.Issuer), scopes: ["loans.read"]);

        var token = await TokenAssert.ValidAccessTokenAsync(authority, result.AccessToken, setup.Gateway);
        Assert.Equal(new Principal("carol", IdentityProvider), token.Chain!.Subject);
        Assert.Equal($"carol@{IdentityProvider}", token.Subject);
        Assert.Equal(["loans.read"], token.Scopes);
    }

    [Theory]
    [InlineData("untrusted-issuer", "neither this authority nor a trusted identity provider")]
    [InlineData("other-audience", "not 'https://127.0.0.1")]
    public async Task Exchange_PersonTokenTheAuthorityMayNotTrust_InvalidRequest(string problem, string mentions)
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        using var identityProvider = SigningKey.Generate();
        TrustIdentityProvider(setup, identityProvider);
        await using var authority = await setup.StartAsync();
        var token = problem == "untrusted-issuer"
            ? PersonToken(identityProvider, setup.Issuer, issuer: "https://idp.stranger.test")
            : PersonToken(identityProvider, "https://portal.bank.test");

        await OAuthAssert.FailsAsync(ExchangeAsync(authority, "orchestrator", token), "invalid_request", 400, mentions);
    }

    [Fact]
    public async Task Exchange_PartnerClient_UnauthorizedClient()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        using var partnerSetup = await AuthoritySetup.CreateAsync("bureau");
        setup.AddPartner(partnerSetup);
        setup.AddCertificateClient("bureau-gateway", "CN=bureau gateway, O=bureau", ["credit.read"], partner: "bureau");
        await using var authority = await setup.StartAsync();

        var exchange = authority.Client("bureau-gateway", authority.ClientCertificate("bureau")).ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = await authority.LoginAsync("alice") }, Cancel);

        await OAuthAssert.FailsAsync(exchange, "unauthorized_client", 400, "belongs to partner 'bureau'");
    }

    private const string IdentityProvider = "https://idp.bank.test";

    private static void TrustIdentityProvider(AuthoritySetup setup, SigningKey key)
    {
        File.WriteAllText(Path.Combine(setup.Folder, "idp.jwks"), $"{{\"keys\":[{key.PublicKey.ToJson()}]}}");
        setup.Settings["Authority:TrustedIdentityProviders:0:Issuer"] = IdentityProvider;
        setup.Settings["Authority:TrustedIdentityProviders:0:JwksFile"] = "idp.jwks";
    }

    private static string PersonToken(SigningKey key, string audience, string issuer = IdentityProvider) =>
        new TokenIssuer(key, TimeProvider.System).Issue(new TokenDescriptor
        {
            Kind = TokenKind.AccessToken,
            Issuer = issuer,
            Subject = "carol",
            Audiences = [audience],
            ClientId = "portal",
            Scopes = ["loans.read", "credit.read"],
            Lifetime = TimeSpan.FromMinutes(10),
        }).Token;

    internal static Task<TokenResult> ExchangeAsync(
        TestAuthority authority, string clientId, string subjectToken, bool withActorToken = false, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? audiences = null, string? purpose = null) =>
        ExchangeAsync(authority, authority.Client(clientId), subjectToken, withActorToken, scopes, audiences, purpose);

    internal static async Task<TokenResult> ExchangeAsync(
        TestAuthority authority, AuthorityClient client, string subjectToken, bool withActorToken = false, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? audiences = null, string? purpose = null)
    {
        var actor = withActorToken ? (await client.RequestClientCredentialsAsync(cancellationToken: Cancel).Bounded()).AccessToken : null;
        return await client.ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = subjectToken, ActorToken = actor, Scopes = scopes, Audiences = audiences ?? [], Purpose = purpose },
            Cancel).Bounded();
    }
}
