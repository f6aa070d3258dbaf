using System.Net;
using System.Text.Json;
using FederatedAgents.Authority.Client;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Authority.Tests.Metadata;

public sealed class MetadataTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metadata_NamesTheIssuerExactlyAndEndpointsUnderIt()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();

        var metadata = await AuthorizationServerMetadata.FetchAsync(authority.Http, authority.Issuer, Cancel).Bounded();
        using var raw = JsonDocument.Parse(await authority.Http.GetStringAsync($"{authority.Issuer}/.well-known/oauth-authorization-server", Cancel).Bounded());

        Assert.Equal(authority.Issuer, metadata.Issuer);
        Assert.Equal(new Uri($"{authority.Issuer}/token"), metadata.TokenEndpoint);
        Assert.Equal(new Uri($"{authority.Issuer}/jwks"), metadata.JwksUri);
        var root = raw.RootElement;
        Assert.Equal(
            ["client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
            root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["private_key_jwt", "tls_client_auth"], root.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean());
    }

    [Fact]
    public async Task Metadata_IssuerWithAPath_WellKnownBeforeThePathAndEndpointsUnderIt()
    {
        var setup = (await AuthoritySetup.CreateAsync()).WithDefaults();
        var issuer = $"{setup.Issuer}/auth";
        setup.Settings["Authority:Issuer"] = issuer;
        await using var authority = await setup.StartAsync();

        var metadata = await AuthorizationServerMetadata.FetchAsync(authority.Http, issuer, Cancel).Bounded();
        var token = await new AuthorityClient(authority.Http, issuer, "orchestrator", setup.KeyOf("orchestrator")).RequestClientCredentialsAsync(cancellationToken: Cancel).Bounded();

        Assert.Equal(new Uri($"{issuer}/token"), metadata.TokenEndpoint);
        Assert.Equal(HttpStatusCode.OK, (await authority.Http.GetAsync($"{setup.Issuer}/.well-known/oauth-authorization-server/auth", Cancel).Bounded()).StatusCode);
        Assert.NotEmpty(token.AccessToken);
    }

    [Fact]
    public async Task FetchMetadata_ByAnotherNameForTheSameServer_RefusedBecauseTheIssuerDiffers()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var otherName = $"https://localhost:{authority.Setup.Port}";

        var error = await Assert.ThrowsAsync<AuthorityRequestException>(() => AuthorizationServerMetadata.FetchAsync(authority.Http, otherName, Cancel).Bounded());

        Assert.Contains($"names issuer '{authority.Issuer}', not '{otherName}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_AfterARotation_ListsCurrentNextAndPreviousKeys()
    {
        await using var authority = await (await AuthoritySetup.CreateAsync()).WithDefaults().StartAsync();
        var keys = authority.Services.GetRequiredService<AuthoritySettings>().Keys;
        var before = await KeyIdsAsync(authority);

        keys.Rotate();

        var after = await KeyIdsAsync(authority);
        Assert.Equal(2, before.Length);
        Assert.Equal(3, after.Length);
        Assert.Contains(keys.Current.KeyId, before);
        var token = await authority.Client("orchestrator").RequestClientCredentialsAsync(cancellationToken: Cancel).Bounded();
        Assert.Equal(keys.Current.KeyId, (await TokenAssert.ValidAccessTokenAsync(authority, token.AccessToken, authority.Setup.Gateway)).KeyId);
    }

    [Fact]
    public void MapFederatedAuthority_WithoutAddFederatedAuthority_FailsNamingTheCall()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapFederatedAuthority());

        Assert.Contains("services.AddFederatedAuthority(builder.Configuration)", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string[]> KeyIdsAsync(TestAuthority authority)
    {
        using var response = await authority.Http.GetAsync($"{authority.Issuer}/jwks", Cancel).Bounded();
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
