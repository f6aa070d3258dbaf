using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Interop;

/// <summary>
/// The running authority against an independent JOSE implementation, the <c>jose</c> npm package: it
/// verifies issued tokens knowing only the issuer (metadata, then jwks_uri, over HTTPS trusting the test
/// CA), and it signs a client assertion the authority accepts.
/// </summary>
public sealed class JoseInteropTests
{
    [Fact]
    public async Task Jose_DelegatedAccessToken_VerifiesFromMetadataAndJwksAlone()
    {
        NodePeers.Require("jose");
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var token = await Grants.TokenExchangeTests.ExchangeAsync(authority, "orchestrator", await authority.LoginAsync("alice"), withActorToken: true);

        var verified = await VerifyAsync(authority, token.AccessToken, authority.Setup.Gateway);

        Assert.Equal(("alice", "orchestrator"), (verified["payload"]!["sub"]!.GetValue<string>(), verified["payload"]!["act"]!["sub"]!.GetValue<string>()));
        Assert.Equal(("at+jwt", $"{authority.Issuer}/jwks"), (verified["header"]!["typ"]!.GetValue<string>(), verified["jwks_uri"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Jose_ClientAssertion_AcceptedForAClientRegisteredWithJosesPublicKey()
    {
        NodePeers.Require("jose");
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        var signed = await RunAsync("jose/client-assertion.mjs", new JsonObject { ["clientId"] = "jose-agent", ["audience"] = setup.Issuer }, setup);
        var index = setup.AddKeyClient("jose-agent", ["loans.read"]);
        setup.Remove($"Authority:Clients:{index}:Jwks");
        foreach (var member in signed["jwk"]!.AsObject())
        {
            setup.Settings[$"Authority:Clients:{index}:Jwks:Keys:0:{member.Key}"] = member.Value!.GetValue<string>();
        }

        await using var authority = await setup.StartAsync();
        var response = await authority.PostAsync("/token", [
            new("grant_type", "client_credentials"),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            new("client_assertion", signed["assertion"]!.GetValue<string>()),
        ]);

        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var verified = await VerifyAsync(authority, response.Json.GetProperty("access_token").GetString()!, setup.Gateway);
        Assert.Equal("jose-agent", verified["payload"]!["client_id"]!.GetValue<string>());
    }

    private static Task<JsonObject> VerifyAsync(TestAuthority authority, string token, string audience) =>
        RunAsync("jose/verify-from-metadata.mjs", new JsonObject { ["issuer"] = authority.Issuer, ["token"] = token, ["audience"] = audience, ["typ"] = "at+jwt" }, authority.Setup);

    private static async Task<JsonObject> RunAsync(string script, JsonObject input, AuthoritySetup setup)
    {
        var result = await ChildProcess.RunAsync(
            "node",
            [script],
            input.ToJsonString(),
            NodePeers.InteropDirectory,
            new Dictionary<string, string?> { ["NODE_EXTRA_CA_CERTS"] = setup.Certificates.Authority.CertificatePath });
        result.EnsureSuccess();
        return JsonSerializer.Deserialize<JsonObject>(result.StandardOutput)!;
    }
}
