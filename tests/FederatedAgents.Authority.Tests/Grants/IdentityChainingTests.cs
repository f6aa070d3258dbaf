using FederatedAgents.Authority.Client;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Binding;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Tests.Grants;

/// <summary>
/// Identity chaining across two running authorities over HTTPS with mutual TLS: the bank's orchestrator
/// acts for alice, gets an authorization grant for the bureau, and the bank's gateway redeems it at the
/// bureau (jwt-bearer, tls_client_auth) for a token bound to its certificate.
/// </summary>
public sealed class IdentityChainingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChainToPartner_BankToBureau_SubjectKeepsItsHomeIssuerAndTokenIsBoundToTheGatewayCertificate()
    {
        await using var pair = await Partners.StartAsync();
        var delegated = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"), withActorToken: true);
        var gatewayCertificate = pair.Bank.ClientCertificate("bank");

        var result = await pair.Bank.Client("orchestrator").ChainToPartnerAsync(
            delegated.AccessToken, pair.Bureau.Client("bank-gateway", gatewayCertificate), ["credit.read", "loans.read"], cancellationToken: Cancel).Bounded();

        var token = await TokenAssert.ValidAccessTokenAsync(pair.Bureau, result.AccessToken, pair.Bureau.Setup.Gateway);
        var bank = pair.Bank.Issuer;
        Assert.Equal(pair.Bureau.Issuer, token.Issuer);
        Assert.Equal($"alice@{bank} → orchestrator@{bank}", token.Chain!.ToString());
        Assert.Equal($"alice@{bank}", token.Subject);
        Assert.Equal(["credit.read"], token.Scopes);
        Assert.Equal(CertificateThumbprint.Compute(gatewayCertificate), token.Chain.CertificateThumbprint);
        Assert.Null(SenderConstraint.Check(token, gatewayCertificate, requireBinding: true));
        Assert.Equal((await TokenAssert.ValidAccessTokenAsync(pair.Bank, delegated.AccessToken, pair.Bank.Setup.Gateway)).Chain!.TransactionId, token.Chain.TransactionId);
        Assert.Equal("bank-gateway", token.ClientId);
        Assert.DoesNotContain("refresh_token", result.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_ForAPartnerAuthority_IssuesAShortLivedGrantAddressedToItAlone()
    {
        await using var pair = await Partners.StartAsync();
        var delegated = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"), purpose: "loan");

        var grant = await RequestGrantAsync(pair, delegated.AccessToken);

        Assert.Equal((TokenTypeUris.Jwt, "N_A"), (grant.IssuedTokenType, grant.TokenType));
        var token = await TokenAssert.ValidAsync(pair.Bank, grant.AccessToken, TokenKind.AuthorizationGrant, pair.Bureau.Issuer);
        Assert.Equal([pair.Bureau.Issuer], token.Audiences);
        Assert.InRange(token.ExpiresAt!.Value - token.IssuedAt!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(["orchestrator"], token.Chain!.Actors.Select(a => a.Subject));
        Assert.Equal("loan", token.Chain.Purpose);
        Assert.NotNull(token.JwtId);
    }

    [Fact]
    public async Task RedeemGrant_Twice_SecondIsInvalidGrant()
    {
        await using var pair = await Partners.StartAsync();
        var delegated = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"));
        var grant = await RequestGrantAsync(pair, delegated.AccessToken);
        var gateway = pair.Bureau.Client("bank-gateway", pair.Bank.ClientCertificate("bank"));

        await gateway.RedeemGrantAsync(grant.AccessToken, cancellationToken: Cancel).Bounded();

        await OAuthAssert.FailsAsync(gateway.RedeemGrantAsync(grant.AccessToken, cancellationToken: Cancel), "invalid_grant", 400, "already used");
    }

    [Theory]
    [InlineData("untrusted-issuer", "not accepted here")]
    [InlineData("bank-issuer-other-key", "has no key")]
    [InlineData("bank-issuer-bureau-key", "has no key")]
    [InlineData("other-audience", "not 'https://127.0.0.1")]
    public async Task RedeemGrant_NotAGrantOfThePartner_InvalidGrant(string problem, string mentions)
    {
        await using var pair = await Partners.StartAsync();
        var bureauKey = SigningKey.FromPemFile(Path.Combine(pair.Bureau.Setup.Folder, "data", "authority", "signing-current.pem"));
        var (issuer, key, audience) = problem switch
        {
            "untrusted-issuer" => ("https://auth.stranger.test", SigningKey.Generate(), pair.Bureau.Issuer),
            "bank-issuer-other-key" => (pair.Bank.Issuer, SigningKey.Generate(), pair.Bureau.Issuer),
            "bank-issuer-bureau-key" => (pair.Bank.Issuer, bureauKey, pair.Bureau.Issuer),
            _ => (pair.Bank.Issuer, SigningKey.FromPemFile(Path.Combine(pair.Bank.Setup.Folder, "data", "authority", "signing-current.pem")), "https://auth.other.test"),
        };
        var forged = new TokenIssuer(key, TimeProvider.System).Issue(new TokenDescriptor
        {
            Kind = TokenKind.AuthorizationGrant,
            Issuer = issuer,
            Subject = "alice",
            Audiences = [audience],
            Scopes = ["credit.read"],
            Lifetime = TimeSpan.FromMinutes(1),
        }).Token;

        var redeem = pair.Bureau.Client("bank-gateway", pair.Bank.ClientCertificate("bank")).RedeemGrantAsync(forged, cancellationToken: Cancel);

        await OAuthAssert.FailsAsync(redeem, "invalid_grant", 400, mentions);
    }

    [Fact]
    public async Task RedeemGrant_ChainDeeperThanThePartnerMayAsk_InvalidGrant()
    {
        await using var pair = await Partners.StartAsync(bureauAllowsDepth: 1);
        var first = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"));
        var second = await TokenExchangeTests.ExchangeAsync(pair.Bank, "credit-agent", first.AccessToken);
        var grant = await pair.Bank.Client("credit-agent").ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = second.AccessToken, RequestedTokenType = TokenTypeUris.Jwt, Audiences = [pair.Bureau.Issuer] }, Cancel).Bounded();

        var redeem = pair.Bureau.Client("bank-gateway", pair.Bank.ClientCertificate("bank")).RedeemGrantAsync(grant.AccessToken, cancellationToken: Cancel);

        await OAuthAssert.FailsAsync(redeem, "invalid_grant", 400, "holds 2 actors; chains from partner 'bank' may hold at most 1");
    }

    [Fact]
    public async Task RedeemGrant_PartnerClientWithAnotherCertificate_InvalidClient()
    {
        await using var pair = await Partners.StartAsync();
        var grant = await RequestGrantAsync(pair, (await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"))).AccessToken);

        var redeem = pair.Bureau.Client("bank-gateway", pair.Bureau.ClientCertificate("bureau")).RedeemGrantAsync(grant.AccessToken, cancellationToken: Cancel);

        await OAuthAssert.FailsAsync(redeem, "invalid_client", 401, "not the one registered for client 'bank-gateway'");
    }

    [Fact]
    public async Task RedeemGrant_ByAnOrganizationsOwnClient_UnauthorizedClient()
    {
        await using var pair = await Partners.StartAsync();
        var grant = await RequestGrantAsync(pair, (await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"))).AccessToken);

        await OAuthAssert.FailsAsync(pair.Bureau.Client("orchestrator").RedeemGrantAsync(grant.AccessToken, cancellationToken: Cancel), "unauthorized_client", 400, "not a partner's client");
    }

    [Fact]
    public async Task Exchange_GrantForAnAudienceThatIsNoPartner_InvalidTarget()
    {
        await using var pair = await Partners.StartAsync();
        var delegated = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"));

        var exchange = pair.Bank.Client("orchestrator").ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = delegated.AccessToken, RequestedTokenType = TokenTypeUris.Jwt, Audiences = [pair.Bank.Setup.Gateway] }, Cancel);

        await OAuthAssert.FailsAsync(exchange, "invalid_target", 400, "exactly one partner authority");
    }

    [Fact]
    public async Task Exchange_AccessTokenForAPartnerAuthority_InvalidTargetPointingAtGrants()
    {
        await using var pair = await Partners.StartAsync();

        await OAuthAssert.FailsAsync(
            TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"), audiences: [pair.Bureau.Issuer]),
            "invalid_target",
            400,
            "requested_token_type=urn:ietf:params:oauth:token-type:jwt");
    }

    [Fact]
    public async Task Introspect_ChainedTokenAtThePartner_ShowsActCnfAndTheSubjectsHomeIssuer()
    {
        await using var pair = await Partners.StartAsync();
        var delegated = await TokenExchangeTests.ExchangeAsync(pair.Bank, "orchestrator", await pair.Bank.LoginAsync("alice"));
        var certificate = pair.Bank.ClientCertificate("bank");
        var chained = await pair.Bank.Client("orchestrator").ChainToPartnerAsync(delegated.AccessToken, pair.Bureau.Client("bank-gateway", certificate), cancellationToken: Cancel).Bounded();

        var introspection = await pair.Bureau.Client("bank-gateway", certificate).IntrospectAsync(chained.AccessToken, Cancel).Bounded();

        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("orchestrator", introspection.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(CertificateThumbprint.Compute(certificate), introspection.GetProperty("cnf").GetProperty("x5t#S256").GetString());
        Assert.Equal(pair.Bank.Issuer, introspection.GetProperty("sub_id").GetProperty("iss").GetString());
    }

    private static Task<TokenResult> RequestGrantAsync(Partners pair, string subjectToken) =>
        pair.Bank.Client("orchestrator").ExchangeAsync(
            new TokenExchangeRequest { SubjectToken = subjectToken, RequestedTokenType = TokenTypeUris.Jwt, Audiences = [pair.Bureau.Issuer] }, Cancel).Bounded();

    /// <summary>The bank and the bureau, each trusting the other's authority; the bank's gateway is a client of the bureau.</summary>
    private sealed class Partners : IAsyncDisposable
    {
        private Partners(TestAuthority bank, TestAuthority bureau)
        {
            Bank = bank;
            Bureau = bureau;
        }

        public TestAuthority Bank { get; }

        public TestAuthority Bureau { get; }

        public static async Task<Partners> StartAsync(int? bureauAllowsDepth = null)
        {
            var bank = (await AuthoritySetup.CreateAsync("bank")).WithDefaults();
            var bureau = (await AuthoritySetup.CreateAsync("bureau")).WithDefaults();
            bank.AddPartner(bureau);
            bureau.AddPartner(bank, bureauAllowsDepth);
            foreach (var client in new[] { "orchestrator", "credit-agent" })
            {
                bank.Settings[$"Authority:Clients:{bank.IndexOf(client)}:Audiences:1"] = bureau.Issuer;
            }

            bank.LetActFor("credit-agent", "*");
            bureau.AddCertificateClient("bank-gateway", "CN=bank gateway, O=bank", ["credit.read"], partner: "bank");
            var bankAuthority = await bank.StartAsync();
            try
            {
                return new Partners(bankAuthority, await bureau.StartAsync());
            }
            catch
            {
                await bankAuthority.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Bureau.DisposeAsync();
            await Bank.DisposeAsync();
        }
    }
}
