using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Grpc;

namespace FederatedAgents.Agents.Samples.Loan;

/// <summary>
/// The bank's loan agent (<c>federatedagents.agents.loan.v1.LoanDesk</c>): for CheckLoan it asks the bureau's credit
/// agent for an assessment of the applicant and decides on the derived result alone. Failures of the bureau call reach
/// the caller with their status (e.g. PERMISSION_DENIED when the chain lacks a scope).
/// </summary>
public sealed class LoanAgent
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = LoanDeskReflection.Descriptor.Services[0];

    /// <summary><c>CheckLoan</c>, for clients.</summary>
    public static readonly Method<CheckLoanRequest, CheckLoanResponse> CheckLoanMethod =
        Method.FromDescriptor<CheckLoanRequest, CheckLoanResponse>(Descriptor.FindMethodByName(nameof(CheckLoan)));

    private readonly CreditClient _credit;

    internal LoanAgent(CreditClient credit) => _credit = credit;

    public async Task<CheckLoanResponse> CheckLoan(CheckLoanRequest request, ServerCallContext context)
    {
        var application = LoanApplications.Find(request.ApplicationId)
            ?? throw new RpcException(StatusCode.NotFound, $"The bank has no loan application '{request.ApplicationId}'.");
        if (request.AmountMinor <= 0 || request.CurrencyCode.Length != 3)
        {
            throw new RpcException(StatusCode.InvalidArgument, "amount_minor must be positive and currency_code an ISO 4217 code such as EUR.");
        }

        AssessResponse assessment;
        try
        {
            assessment = await _credit.AssessAsync(
                new AssessRequest
                {
                    ConsumerReference = application.ConsumerReference,
                    ConsentId = application.ConsentId,
                    AmountMinor = request.AmountMinor,
                    CurrencyCode = request.CurrencyCode,
                    Purpose = LoanPurpose.Personal,
                },
                context.RequestHeaders.GetValue(FederationMetadata.Authorization),
                context.CancellationToken);
        }
        catch (RpcException e)
        {
            throw new RpcException(new Status(e.StatusCode, $"The credit bureau's assessment failed: {e.Status.Detail}"));
        }

        return Decide(application, assessment);
    }

    private static CheckLoanResponse Decide(LoanApplication application, AssessResponse assessment)
    {
        var response = new CheckLoanResponse { CustomerId = application.CustomerId };
        response.ReasonCodes.Add(assessment.ReasonCodes);
        (response.Decision, response.OfferedRateBps) = (assessment.Decision, assessment.ScoreBand) switch
        {
            (Decision.Approve, ScoreBand.Excellent) => (LoanDecision.Approved, 450),
            (Decision.Approve, _) => (LoanDecision.Approved, 690),
            (Decision.Refer, _) => (LoanDecision.Referred, 0),
            _ => (LoanDecision.Declined, 0),
        };
        return response;
    }
}
