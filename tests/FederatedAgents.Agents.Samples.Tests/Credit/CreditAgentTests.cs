using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Agents.Samples.Tests.Credit;

/// <summary>The credit agent on real Kestrel (h2c), called with the project's gRPC client.</summary>
public sealed class CreditAgentTests
{
    [Fact]
    public async Task Assess_KnownConsumer_ReturnsAssessmentAndTheClassifiedReport()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, default, Request("C-4821")).ResponseAsync.Bounded();

        Assert.Equal((ScoreBand.Excellent, Decision.Approve), (response.ScoreBand, response.Decision));
        Assert.Equal("Alice Example", response.Report.FullName);
        Assert.Equal(782, response.Report.ModelScores[CreditScoring.ModelVersion]);
        Assert.NotEmpty(response.Report.Accounts[0].AccountNumber);
    }

    [Theory]
    [InlineData("C-0000", "consent-1", StatusCode.NotFound, "no report for consumer 'C-0000'")]
    [InlineData("", "consent-1", StatusCode.InvalidArgument, "consumer_reference is required")]
    [InlineData("C-4821", "", StatusCode.FailedPrecondition, "consent_id is required")]
    public async Task Assess_BadRequest_FailsWithAStatusThatSaysWhy(string reference, string consent, StatusCode code, string mentions)
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var request = Request(reference);
        request.ConsentId = consent;

        var failure = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, default, request).ResponseAsync.Bounded());

        Assert.Equal(code, failure.StatusCode);
        Assert.Contains(mentions, failure.Status.Detail, StringComparison.Ordinal);
    }

    internal static AssessRequest Request(string reference) =>
        new() { ConsumerReference = reference, ConsentId = "consent-1", AmountMinor = 10_000_00, CurrencyCode = "EUR", Purpose = LoanPurpose.Personal };

    private static Task<GrpcTestServer> StartAsync() =>
        GrpcTestServer.StartAsync(services => services.AddCreditAgent(), app => app.MapCreditAgent());
}
