using System.Text.Json;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Outbound;

/// <summary>A local agent's call to a partner's agent across two real gateways and authorities (loopback TLS).</summary>
public sealed class OutboundCallTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public async Task CallToPartner_DelegatedToken_ReachesTheAgentWithAChainedTokenBoundToTheGatewayCertificate()
    {
        await using var org = await CrossOrg.StartAsync();
        var token = await org.Bank.DelegateAsync("alice", "loan-agent");

        var (response, trailers) = await org.AssessAsync(token);

        Assert.Equal(Decision.Approve, response.Decision);
        var audit = org.BureauAudit;
        Assert.False(audit.ReceivedTargetHeader);
        var partnerToken = audit.ReceivedAuthorization!["Bearer ".Length..];
        Assert.NotEqual(token, partnerToken);
        var claims = Claims(partnerToken);
        Assert.Equal(org.Bureau.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(org.Bureau.GatewayAudience, claims.GetProperty("aud").ToString().Trim('"', '[', ']'));
        Assert.Equal($"alice@{org.Bank.Issuer}", claims.GetProperty("sub").GetString());
        Assert.Equal("credit.read", claims.GetProperty("scope").GetString());
        Assert.True(claims.GetProperty("cnf").TryGetProperty("x5t#S256", out _));
        Assert.Equal(Claims(token).GetProperty("txn").GetString(), claims.GetProperty("txn").GetString());
        Assert.NotNull(trailers.GetValue(FederationMetadata.AuditReceipt));
    }

    [Fact]
    public async Task CallToPartner_ActorChain_NamesTheLoanAgentThenTheGateway()
    {
        await using var org = await CrossOrg.StartAsync();

        await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent"));

        var act = Claims(org.BureauAudit.ReceivedAuthorization!["Bearer ".Length..]).GetProperty("act");
        Assert.Equal("bank-gateway", act.GetProperty("sub").GetString()!.Split('@')[0]);
        Assert.Equal("loan-agent", act.GetProperty("act").GetProperty("sub").GetString()!.Split('@')[0]);
    }

    [Fact]
    public async Task CallToPartner_SameCallerTokenTwice_ExchangedOnceAndReused()
    {
        await using var org = await CrossOrg.StartAsync();
        var token = await org.Bank.DelegateAsync("alice", "loan-agent");

        await org.AssessAsync(token);
        var first = org.BureauAudit.ReceivedAuthorization;
        await org.AssessAsync(token);

        Assert.Equal(first, org.BureauAudit.ReceivedAuthorization);
    }

    [Fact]
    public async Task CallToPartner_TraceParent_TravelsAsSentOrIsStarted()
    {
        await using var org = await CrossOrg.StartAsync();
        var token = await org.Bank.DelegateAsync("alice", "loan-agent");

        await org.AssessAsync(token, TraceParent);
        var sent = org.BureauAudit.ReceivedTraceParent;
        await org.AssessAsync(token);

        Assert.Equal(TraceParent, sent);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", org.BureauAudit.ReceivedTraceParent);
        Assert.NotEqual(TraceParent, org.BureauAudit.ReceivedTraceParent);
    }

    [Theory]
    [InlineData(null, StatusCode.Unauthenticated, "needs the caller's access token")]
    [InlineData("not-a-token", StatusCode.Unauthenticated, "not valid at this gateway")]
    public async Task CallToPartner_NoValidToken_UnauthenticatedAndNothingReachesThePartner(string? token, StatusCode code, string mentions)
    {
        await using var org = await CrossOrg.StartAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => org.AssessAsync(token));

        Assert.Equal(code, failure.StatusCode);
        Assert.Contains(mentions, failure.Status.Detail, StringComparison.Ordinal);
        Assert.Null(org.BureauAudit.ReceivedAuthorization);
    }

    [Fact]
    public async Task CallToPartner_ChainWithoutTheScopeThePartnerGrants_PermissionDenied()
    {
        await using var org = await CrossOrg.StartAsync();
        var token = await org.Bank.DelegateAsync("alice", "loan-agent", scopes: ["loans.read"]);

        var failure = await Assert.ThrowsAsync<RpcException>(() => org.AssessAsync(token));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Contains("Partner 'bureau' cannot be called with this token", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Null(org.BureauAudit.ReceivedAuthorization);
    }

    [Theory]
    [InlineData(ReceiptMode.None, "returned no audit receipt")]
    [InlineData(ReceiptMode.ForeignKey, "is not valid")]
    public async Task CallToPartner_NoValidReceiptWhenRequired_FailsWithInternal(ReceiptMode mode, string mentions)
    {
        await using var org = await CrossOrg.StartAsync();
        org.BureauAudit.Mode = mode;

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent")));

        Assert.Equal(StatusCode.Internal, failure.StatusCode);
        Assert.Contains("requires its signed audit receipt", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(mentions, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallToPartner_NoReceiptWhenNotRequired_CallSucceeds()
    {
        await using var org = await CrossOrg.StartAsync(requireReceipt: false);
        org.BureauAudit.Mode = ReceiptMode.None;

        var (response, _) = await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent"));

        Assert.Equal(Decision.Approve, response.Decision);
    }

    [Fact]
    public async Task CallToUnknownPartner_NotFoundNamingIt()
    {
        await using var org = await CrossOrg.StartAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent"), target: "ratings"));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Contains("'ratings' (fa-target-org) is not a partner", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallToPartner_EgressFilterWithoutTheMethodsDescriptor_RefusedBeforeAnythingLeaves()
    {
        await using var org = await CrossOrg.StartAsync(bankServices: services => services.AddSingleton(new EgressFilter(new DescriptorRegistry([]))));

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent")));

        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
        Assert.Contains("no descriptor", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Null(org.BureauAudit.ReceivedAuthorization);
    }

    [Fact]
    public async Task CallToPartner_EgressFilterKnowingTheMethod_RequestLeavesAndIsAnswered()
    {
        await using var org = await CrossOrg.StartAsync(bankServices: services => services.AddSingleton(new EgressFilter(new DescriptorRegistry([CreditAssessmentReflection.Descriptor]))));

        var (response, _) = await org.AssessAsync(await org.Bank.DelegateAsync("alice", "loan-agent"));

        Assert.Equal(Decision.Approve, response.Decision);
    }

    private static JsonElement Claims(string token) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;
}
