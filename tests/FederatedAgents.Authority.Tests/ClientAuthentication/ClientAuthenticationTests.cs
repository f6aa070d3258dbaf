using FederatedAgents.Testing;
using FederatedAgents.Tokens.Issuance;
using FederatedAgents.Tokens.Jose;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Authority.Tests.ClientAuthentication;

public sealed class ClientAuthenticationTests
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    [Fact]
    public async Task Token_ReplayedClientAssertion_InvalidClientWithChallenge()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var assertion = Assertion(authority.Setup.KeyOf("orchestrator"), "orchestrator", authority.Issuer);

        var first = await authority.PostAsync("/token", Form(assertion));
        var replay = await authority.PostAsync("/token", Form(assertion));

        Assert.Equal(System.Net.HttpStatusCode.OK, first.Status);
        OAuthAssert.Error(replay, "invalid_client", 401, "already used");
        Assert.Contains("private_key_jwt", replay.WwwAuthenticate, StringComparison.Ordinal);
        Assert.Contains("tls_client_auth", replay.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AssertionAddressedToTheTokenEndpoint_Accepted()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var response = await authority.PostAsync("/token", Form(Assertion(authority.Setup.KeyOf("orchestrator"), "orchestrator", $"{authority.Issuer}/token")));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("unregistered-key", "has no key")]
    [InlineData("other-audience", "not 'https://127.0.0.1")]
    [InlineData("unknown-client", "not trusted")]
    [InlineData("access-token-type", "typ is 'at+jwt'")]
    public async Task Token_BadClientAssertion_InvalidClient(string problem, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var key = authority.Setup.KeyOf("orchestrator");
        var assertion = problem switch
        {
            "unregistered-key" => Assertion(SigningKey.Generate(), "orchestrator", authority.Issuer),
            "other-audience" => Assertion(key, "orchestrator", "https://auth.elsewhere.test"),
            "unknown-client" => Assertion(key, "stranger", authority.Issuer),
            _ => Assertion(key, "orchestrator", authority.Issuer, TokenKind.AccessToken),
        };

        var response = await authority.PostAsync("/token", Form(assertion));

        OAuthAssert.Error(response, "invalid_client", 401, mentions);
    }

    [Theory]
    [InlineData("none", "carries no client authentication")]
    [InlineData("secret", "client secrets")]
    [InlineData("unknown", "no client 'stranger' is registered")]
    [InlineData("key-client-without-assertion", "authenticates with private_key_jwt")]
    [InlineData("mismatched-client-id", "does not match the client assertion")]
    public async Task Token_MissingOrWrongClientAuthentication_InvalidClient(string problem, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        KeyValuePair<string, string>[] form = problem switch
        {
            "none" => [new("grant_type", "client_credentials")],
            "secret" => [new("grant_type", "client_credentials"), new("client_id", "orchestrator"), new("client_secret", "s3cret")],
            "unknown" => [new("grant_type", "client_credentials"), new("client_id", "stranger")],
            "key-client-without-assertion" => [new("grant_type", "client_credentials"), new("client_id", "orchestrator")],
            _ => [.. Form(Assertion(authority.Setup.KeyOf("orchestrator"), "orchestrator", authority.Issuer)), new("client_id", "credit-agent")],
        };

        var response = await authority.PostAsync("/token", form);

        OAuthAssert.Error(response, "invalid_client", 401, mentions);
    }

    [Theory]
    [InlineData(null, true, "presented no client certificate")]
    [InlineData("bank", false, "is not trusted by the CA")]
    [InlineData("bureau", true, "its subject is 'CN=bureau gateway, O=bureau'")]
    public async Task Token_TlsClientWithoutItsCertificate_InvalidClient(string? organization, bool trusted, string mentions)
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var certificate = organization is null ? null : authority.ClientCertificate(organization, trusted);

        var response = await authority.PostAsync(
            "/token", [new("grant_type", "client_credentials"), new("client_id", "bank-gateway")], authority.NewHttpClient(certificate));

        OAuthAssert.Error(response, "invalid_client", 401, mentions);
    }

    [Fact]
    public async Task Token_TlsClientRegisteredByUriSan_AcceptedWithThatCertificate()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        var index = setup.AddCertificateClient("bank-san", "CN=placeholder", ["loans.read"]);
        setup.Settings[$"Authority:Clients:{index}:TlsClientAuthSubjectDn"] = null;
        setup.Settings[$"Authority:Clients:{index}:TlsClientAuthSanUri"] = "https://bank.localhost/gateway";
        await using var authority = await setup.StartAsync();

        var token = await authority.Client("bank-san", authority.ClientCertificate("bank"))
            .RequestClientCredentialsAsync(cancellationToken: TestContext.Current.CancellationToken).Bounded();

        Assert.Equal("bank-san", (await TokenAssert.ValidAccessTokenAsync(authority, token.AccessToken, setup.Gateway)).ClientId);
    }

    internal static string Assertion(SigningKey key, string clientId, string audience, TokenKind? kind = null) =>
        new TokenIssuer(key, TimeProvider.System).Issue(new TokenDescriptor
        {
            Kind = kind ?? TokenKind.ClientAssertion,
            Issuer = clientId,
            Subject = clientId,
            ClientId = kind is null ? null : clientId,
            Audiences = [audience],
            Lifetime = TimeSpan.FromMinutes(1),
        }).Token;

    private static KeyValuePair<string, string>[] Form(string assertion) =>
        [new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType), new("client_assertion", assertion)];
}
