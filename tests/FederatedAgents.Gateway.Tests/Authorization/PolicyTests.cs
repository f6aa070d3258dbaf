using System.Text.Json.Nodes;
using FederatedAgents.Gateway.Tests.Authentication;
using FederatedAgents.Grpc;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Authorization;

/// <summary>
/// The method policy after authentication (Echo/Unary: scope echo:call, purpose testing, at most 3 actors, partner
/// bureau): each unmet rule is PERMISSION_DENIED naming what is missing; unknown methods are UNIMPLEMENTED and an agent
/// that is down is UNAVAILABLE, as for any caller.
/// </summary>
public sealed class PolicyTests : SecureGatewayTest
{
    protected override Task<SecureGateway> StartGatewayAsync(GrpcTestServer agent) => SecureGateway.StartAsync(agent.Address, config =>
        config["Agents"]![0]!["Methods"]!.AsArray().Add(new JsonObject
        {
            ["Name"] = GatewayJson.EchoService + "/ServerStream",
            ["AllowedPartners"] = GatewayJson.Strings(["bureau"]),
            ["AllowedClients"] = GatewayJson.Strings(["orchestrator"]),
        }));

    [Theory]
    [InlineData("insufficient scope", "requires scope 'echo:call'")]
    [InlineData("too deep a chain", "The delegation chain has 4 actors; federatedagents.testing.Echo/Unary accepts at most 3.")]
    [InlineData("no purpose", "requires purpose 'testing'")]
    [InlineData("another purpose", "requires purpose 'testing'")]
    public async Task PartnerCall_PolicyNotMet_PermissionDenied(string problem, string message)
    {
        using var channel = Bank.PartnerChannel();
        var token = problem switch
        {
            "insufficient scope" => Bank.Token(scopes: ["echo:read"]),
            "too deep a chain" => Bank.Token(actors: 4),
            "no purpose" => Bank.Token(purpose: null),
            "another purpose" => Bank.Token(purpose: "marketing"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => AuthenticationTests.EchoAsync(channel, token.Token, problem));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains(message, ex.Status.Detail, StringComparison.Ordinal);
        Assert.False(Agent.Observer.Happened(CallEvents.Started, problem));
    }

    [Fact]
    public async Task PartnerCall_ChainAtTheLimit_Allowed()
    {
        using var channel = Bank.PartnerChannel();

        var response = await AuthenticationTests.EchoAsync(channel, Bank.Token(actors: 3).Token, "three-actors");

        Assert.Equal("three-actors", response.Message);
    }

    [Fact]
    public async Task PartnerNotAllowed_PermissionDeniedNamingThePartner()
    {
        using var channel = Bank.PartnerChannel("ratings");

        var ex = await Assert.ThrowsAsync<RpcException>(() => AuthenticationTests.EchoAsync(channel, Bank.Token(boundTo: "ratings").Token, "ratings"));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("Partner 'ratings' may not call federatedagents.testing.Echo/Unary.", ex.Status.Detail);
    }

    [Fact]
    public async Task ClientNotAllowed_PermissionDeniedNamingTheClient()
    {
        using var channel = Bank.PartnerChannel();
        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(
            EchoMethods.ServerStream, SecureGateway.Bearer(Bank.Token().Token), new EchoRequest { Message = "stream", ResponseCount = 1 });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Bounded());

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("Client 'bureau-gateway' may not call federatedagents.testing.Echo/ServerStream.", ex.Status.Detail);
    }

    [Fact]
    public async Task PartnerCall_MethodWithoutPolicy_OnlyForLocalCallers()
    {
        using var channel = Bank.PartnerChannel();
        var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoMethods.ClientStream, SecureGateway.Bearer(Bank.Token().Token));
        await call.RequestStream.CompleteAsync().Bounded();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Bounded());

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("Partner 'bureau' may not call", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownService_Unimplemented()
    {
        using var channel = Bank.PartnerChannel();
        var unknown = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "bank.Unknown", "Call", EchoMethods.Unary.RequestMarshaller, EchoMethods.Unary.ResponseMarshaller);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(unknown, SecureGateway.Bearer(Bank.Token().Token), new EchoRequest()).ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task AgentDown_Unavailable()
    {
        using var channel = Bank.PartnerChannel();
        await Agent.StopAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => AuthenticationTests.EchoAsync(channel, Bank.Token().Token, "agent-down"));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("Agent 'echo' is unavailable", ex.Status.Detail, StringComparison.Ordinal);
    }
}
