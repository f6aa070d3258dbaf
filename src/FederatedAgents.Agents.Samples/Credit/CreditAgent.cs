using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Grpc;

namespace FederatedAgents.Agents.Samples.Credit;

/// <summary>
/// The bureau's credit agent (<c>federatedagents.agents.credit.v1.CreditAssessment</c>): answers with the derived
/// assessment and the raw report it is based on. The report's classified fields are the bureau gateway's to remove
/// before the answer leaves the bureau; the agent itself answers everything it knows.
/// </summary>
public sealed class CreditAgent
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = CreditAssessmentReflection.Descriptor.Services[0];

    /// <summary><c>Assess</c>, for clients.</summary>
    public static readonly Method<AssessRequest, AssessResponse> AssessMethod =
        Method.FromDescriptor<AssessRequest, AssessResponse>(Descriptor.FindMethodByName(nameof(Assess)));

    private readonly CreditFile _file;

    public CreditAgent(TimeProvider time) => _file = new CreditFile(time);

    public Task<AssessResponse> Assess(AssessRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ConsumerReference))
        {
            throw new RpcException(StatusCode.InvalidArgument, "consumer_reference is required: the applicant's reference at the bureau, from their consent.");
        }

        if (string.IsNullOrWhiteSpace(request.ConsentId))
        {
            throw new RpcException(StatusCode.FailedPrecondition, "consent_id is required: the bureau assesses only applicants who consented.");
        }

        var report = _file.Find(request.ConsumerReference)
            ?? throw new RpcException(StatusCode.NotFound, $"The bureau has no report for consumer '{request.ConsumerReference}'.");
        return Task.FromResult(CreditScoring.Assess(report));
    }
}
