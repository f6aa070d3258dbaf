using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Agents.Samples.Loan;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Agents.Samples.Tests.Loan;

/// <summary>
/// The loan agent on real Kestrel, its "gateway" a stand-in server that records what the loan agent sends and
/// answers with the real credit agent (or a chosen failure).
/// </summary>
public sealed class LoanAgentTests
{
    [Theory]
    [InlineData("app-1001", LoanDecision.Approved, 450, "")]
    [InlineData("app-1002", LoanDecision.Referred, 0, "HIGH_UTILIZATION,RECENT_DELINQUENCY")]
    [InlineData("app-1003", LoanDecision.Declined, 0, "HIGH_UTILIZATION,RECENT_DELINQUENCY,IN_COLLECTIONS")]
    public async Task CheckLoan_Applicant_DecidesOnTheBureausDerivedAssessment(string application, LoanDecision decision, int rate, string reasons)
    {
        await using var pair = await LoanPair.StartAsync();

        var response = await pair.CheckLoanAsync(application, "Bearer loan-agent-token");

        Assert.Equal((decision, rate), (response.Decision, response.OfferedRateBps));
        Assert.Equal(reasons, string.Join(',', response.ReasonCodes));
    }

    [Fact]
    public async Task CheckLoan_CallsTheCreditAgentThroughItsGatewayAddressingTheBureauWithItsOwnToken()
    {
        await using var pair = await LoanPair.StartAsync();

        await pair.CheckLoanAsync("app-1001", "Bearer loan-agent-token");

        var seen = pair.Gateway.Services.GetRequiredService<RecordingCreditGateway>();
        Assert.Equal("bureau", seen.Headers!.GetValue(FederationMetadata.TargetOrganization));
        Assert.Equal("Bearer loan-agent-token", seen.Headers.GetValue(FederationMetadata.Authorization));
        Assert.Equal(("C-4821", "consent-1001"), (seen.Request!.ConsumerReference, seen.Request.ConsentId));
    }

    [Fact]
    public async Task CheckLoan_BureauRefuses_CallerGetsTheStatusWithTheReason()
    {
        await using var pair = await LoanPair.StartAsync();
        pair.Gateway.Services.GetRequiredService<RecordingCreditGateway>().Refusal = new Status(StatusCode.PermissionDenied, "scope credit.read is required");

        var failure = await Assert.ThrowsAsync<RpcException>(() => pair.CheckLoanAsync("app-1001", "Bearer t"));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Contains("credit bureau's assessment failed: scope credit.read is required", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckLoan_UnknownApplication_NotFound()
    {
        await using var pair = await LoanPair.StartAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => pair.CheckLoanAsync("app-9999", "Bearer t"));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Null(pair.Gateway.Services.GetRequiredService<RecordingCreditGateway>().Request);
    }

    /// <summary>Stands in for the bank's gateway: records the call and answers as the credit agent would.</summary>
    public sealed class RecordingCreditGateway(CreditAgent agent)
    {
        public Metadata? Headers { get; private set; }

        public AssessRequest? Request { get; private set; }

        public Status? Refusal { get; set; }

        public Task<AssessResponse> Assess(AssessRequest request, ServerCallContext context)
        {
            (Headers, Request) = (context.RequestHeaders, request);
            return Refusal is { } refusal ? throw new RpcException(refusal) : agent.Assess(request, context);
        }
    }

    private sealed class LoanPair(GrpcTestServer gateway, GrpcTestServer loan, GrpcChannel channel) : IAsyncDisposable
    {
        public GrpcTestServer Gateway { get; } = gateway;

        public static async Task<LoanPair> StartAsync()
        {
            var gateway = await GrpcTestServer.StartAsync(
                services => services.AddCreditAgent().AddSingleton<RecordingCreditGateway>(),
                app => app.MapGrpcService<RecordingCreditGateway>(CreditAgent.Descriptor));
            var loan = await GrpcTestServer.StartAsync(
                services => services.AddLoanAgent(options => options.GatewayAddress = gateway.Address),
                app => app.MapLoanAgent());
            return new LoanPair(gateway, loan, GrpcChannel.ForAddress(loan.Address));
        }

        public Task<CheckLoanResponse> CheckLoanAsync(string application, string authorization)
        {
            var request = new CheckLoanRequest { ApplicationId = application, AmountMinor = 10_000_00, CurrencyCode = "EUR", TermMonths = 36 };
            var headers = new Metadata().Add(FederationMetadata.Authorization, authorization);
            return channel.CreateCallInvoker().AsyncUnaryCall(LoanAgent.CheckLoanMethod, new CallOptions(headers), request).ResponseAsync.Bounded();
        }

        public async ValueTask DisposeAsync()
        {
            channel.Dispose();
            await loan.DisposeAsync();
            await Gateway.DisposeAsync();
        }
    }
}
