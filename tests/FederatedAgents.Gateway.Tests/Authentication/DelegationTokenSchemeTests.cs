using FederatedAgents.Gateway.Authentication;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Authentication;

/// <summary>
/// The <see cref="DelegationTokenDefaults.AuthenticationScheme"/> scheme that <c>AddGatewaySecurity()</c> registers,
/// used by the host's own gRPC service (not the gateway) over real TLS with client certificates: it authenticates the
/// token into <c>HttpContext.User</c>, refuses what the gateway refuses, and challenges and forbids in gRPC terms.
/// </summary>
public sealed class DelegationTokenSchemeTests : IAsyncLifetime
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";

    private GrpcTestServer _agent = null!;
    private SecureGateway _bank = null!;

    public async ValueTask InitializeAsync()
    {
        _agent = await GrpcTestServer.StartAsync();
        _bank = await SecureGateway.StartWithHostEndpointsAsync(
            _agent.Address,
            services => services.AddGrpc().Services.AddAuthorization(),
            app =>
            {
                app.MapGrpcService<WhoAmIService>(EchoService.Descriptor).RequireAuthorization(policy => policy
                    .AddAuthenticationSchemes(DelegationTokenDefaults.AuthenticationScheme)
                    .RequireClaim(DelegationTokenClaimTypes.Scope, "echo:call"));
                app.MapGet("/user", (HttpContext http) => http.User.Identity?.IsAuthenticated == true ? "authenticated" : "anonymous");
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _bank.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Authenticate_ValidBoundToken_ClaimsOnHttpContextUser()
    {
        using var channel = _bank.Channel(_bank.HostListener!, "bureau");

        var claims = (await CallAsync(channel, _bank.Token(actors: 2).Token)).Message.Split('\n');

        Assert.Equal(
            [
                "sub=alice", $"iss={SecureGateway.OwnIssuer}", "client_id=bureau-gateway", "scope=echo:call", "txn=txn-1", "purpose=testing", "act_depth=2",
            ],
            claims.Where(claim => !claim.StartsWith("jti=", StringComparison.Ordinal)));
        Assert.Single(claims, claim => claim.StartsWith("jti=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authenticate_TokenBoundToAnotherCertificate_ChallengedWithTheMismatch()
    {
        using var channel = _bank.Channel(_bank.HostListener!, "ratings");

        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, _bank.Token(boundTo: "bureau").Token));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.StartsWith("The delegation token cannot be used on this connection: the token is bound to certificate", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_RevokedToken_ChallengedAsRevoked()
    {
        using var channel = _bank.Channel(_bank.HostListener!, "bureau");
        var token = _bank.Token();
        await CallAsync(channel, token.Token);

        _bank.Revocations.Revoke(token.JwtId);
        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, token.Token));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("has been revoked", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_NoToken_Unauthenticated16AsTrailersOnly()
    {
        using var client = GrpcTestServer.CreateClient(_bank.HostListener!, _bank.Certificates["bank"].Server.Load());

        var response = await client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "anonymous" }));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(GrpcProtocol.ContentType, response.ContentType);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unauthenticated, response.Status);
        Assert.Equal(DelegationTokenAuthenticationHandler.MissingTokenMessage, response.StatusMessage);
    }

    [Fact]
    public async Task Forbid_ValidTokenWithoutTheRequiredScope_PermissionDenied7()
    {
        using var channel = _bank.Channel(_bank.HostListener!, "bureau");

        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, _bank.Token(scopes: ["echo:read"]).Token));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("The delegation token does not permit this call.", ex.Status.Detail);
    }

    [Fact]
    public async Task HostEndpoint_NotNamingTheScheme_NotAuthenticatedByIt()
    {
        using var client = GrpcTestServer.CreateClient(_bank.HostListener!, _bank.Certificates["bank"].Server.Load());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user");
        request.Headers.Authorization = new("Bearer", _bank.Token(boundTo: null).Token);

        using var response = await client.StartAsync(request);

        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).Bounded());
    }

    private static Task<EchoResponse> CallAsync(GrpcChannel channel, string token) =>
        channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, SecureGateway.Bearer(token), new EchoRequest { Message = "who" }).ResponseAsync.Bounded();
}
