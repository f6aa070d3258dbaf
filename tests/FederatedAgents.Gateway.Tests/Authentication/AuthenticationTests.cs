using System.Buffers.Text;
using FederatedAgents.Grpc;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using FederatedAgents.Grpc.Client;

namespace FederatedAgents.Gateway.Tests.Authentication;

/// <summary>
/// Delegation tokens at the partner and local listeners over real TLS: only a valid, unrevoked access token for this
/// gateway, from an issuer the connection may present, and bound to the connection's certificate gets through;
/// everything else is UNAUTHENTICATED with a message that says what to fix, and the agent never sees the call.
/// </summary>
public sealed class AuthenticationTests : SecureGatewayTest
{
    [Fact]
    public async Task PartnerCall_ValidBoundToken_ReachesTheAgent()
    {
        using var channel = Bank.PartnerChannel();

        var response = await EchoAsync(channel, Bank.Token().Token, "hello");

        Assert.Equal("hello", response.Message);
    }

    [Fact]
    public async Task PartnerCall_TokenOfItsOwnAuthority_Accepted()
    {
        using var channel = Bank.PartnerChannel();

        var response = await EchoAsync(channel, Bank.Token(issuer: SecureGateway.IssuerOf("bureau")).Token, "partner-issued");

        Assert.Equal("partner-issued", response.Message);
    }

    [Theory]
    [InlineData("no token", "requires a delegation token")]
    [InlineData("not bearer", "exactly one 'Bearer <access token>'")]
    [InlineData("garbage", "The delegation token was rejected")]
    [InlineData("wrong audience", "The delegation token was rejected")]
    [InlineData("expired", "The delegation token was rejected")]
    [InlineData("bound to another certificate", "bound to certificate")]
    [InlineData("not bound", "not bound to a client certificate")]
    [InlineData("another partner's issuer", "are not accepted on this connection")]
    [InlineData("untrusted issuer", "The delegation token was rejected")]
    [InlineData("signed with another issuer's key", "The delegation token was rejected")]
    [InlineData("alg none", "The delegation token was rejected")]
    public async Task PartnerCall_BadToken_Unauthenticated(string problem, string message)
    {
        using var channel = Bank.PartnerChannel();
        var authorization = problem switch
        {
            "no token" => null,
            "not bearer" => $"Basic {Bank.Token().Token}",
            "garbage" => "Bearer not-a-token",
            "wrong audience" => Bearer(Bank.Token(audience: "https://gateway.other.example")),
            "expired" => Bearer(Bank.Token(clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)))),
            "bound to another certificate" => Bearer(Bank.Token(boundTo: "ratings")),
            "not bound" => Bearer(Bank.Token(boundTo: null)),
            "another partner's issuer" => Bearer(Bank.Token(issuer: SecureGateway.IssuerOf("ratings"))),
            "untrusted issuer" => Bearer(Bank.Token(issuer: SecureGateway.IssuerOf("stranger"))),
            "signed with another issuer's key" => Bearer(Bank.Token(signedBy: SecureGateway.IssuerOf("bureau"))),
            "alg none" => $"Bearer {UnsignedAlgNone(Bank.Token().Token)}",
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, authorization, problem));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains(message, ex.Status.Detail, StringComparison.Ordinal);
        Assert.False(Agent.Observer.Happened(CallEvents.Started, problem));
    }

    [Fact]
    public async Task PartnerCall_RevokedToken_Unauthenticated()
    {
        using var channel = Bank.PartnerChannel();
        var token = Bank.Token();
        await EchoAsync(channel, token.Token, "before");

        Bank.Revocations.Revoke(token.JwtId);
        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel, token.Token, "after"));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("revoked", ex.Status.Detail, StringComparison.Ordinal);
        Assert.False(Agent.Observer.Happened(CallEvents.Started, "after"));
    }

    [Fact]
    public async Task LocalCall_UnboundTokenOfOwnAuthority_ReachesTheAgent()
    {
        var response = await EchoAsync(Bank.Gateway.Local, Bank.Token(boundTo: null).Token, "local");

        Assert.Equal("local", response.Message);
    }

    [Fact]
    public async Task LocalCall_PartnerIssuedToken_Unauthenticated()
    {
        var token = Bank.Token(boundTo: null, issuer: SecureGateway.IssuerOf("bureau")).Token;

        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(Bank.Gateway.Local, token, "local-partner-token"));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task LocalCall_TokenBoundToACertificate_UnauthenticatedWithoutIt()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(Bank.Gateway.Local, Bank.Token().Token, "local-bound"));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("presented none", ex.Status.Detail, StringComparison.Ordinal);
    }

    internal static Task<EchoResponse> EchoAsync(GrpcChannel channel, string token, string message) => CallAsync(channel, $"Bearer {token}", message);

    private static Task<EchoResponse> CallAsync(GrpcChannel channel, string? authorization, string message)
    {
        var headers = authorization is null ? null : new Metadata().Add("authorization", authorization);
        return channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(headers), new EchoRequest { Message = message }).ResponseAsync.Bounded();
    }

    private static string Bearer(Tokens.Issuance.IssuedToken token) => $"Bearer {token.Token}";

    /// <summary>The token's claims under an <c>alg: none</c> header and no signature (RFC 8725 §2.1).</summary>
    private static string UnsignedAlgNone(string token) =>
        $"{Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"u8)}.{token.Split('.')[1]}.";
}
