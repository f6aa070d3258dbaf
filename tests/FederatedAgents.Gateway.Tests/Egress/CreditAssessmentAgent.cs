using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Grpc;
using Microsoft.AspNetCore.Builder;
using FederatedAgents.Testing.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>A credit bureau agent answering every assessment with a report full of classified fields.</summary>
public sealed class CreditAssessmentAgent
{
    public const string Service = "federatedagents.agents.credit.v1.CreditAssessment";

    public static readonly Method<AssessRequest, AssessResponse> AssessMethod =
        Method.FromDescriptor<AssessRequest, AssessResponse>(CreditAssessmentReflection.Descriptor.Services[0].FindMethodByName("Assess"));

    public static Task<GrpcTestServer> StartAsync() => GrpcTestServer.StartAsync(
        services => services.AddSingleton<CreditAssessmentAgent>(),
        app => app.MapGrpcService<CreditAssessmentAgent>(CreditAssessmentReflection.Descriptor.Services[0]));

    public Task<AssessResponse> Assess(AssessRequest request, ServerCallContext context) => Task.FromResult(new AssessResponse
    {
        ScoreBand = ScoreBand.Good,
        ModelVersion = "model-7",
        ReasonCodes = { "LOW_UTILIZATION" },
        Report = new CreditReport
        {
            ReportId = request.ConsumerReference,
            NationalId = "123-45-6789",
            FullName = "Alice Example",
            Address = new PostalAddress { Line1 = "1 Main St", City = "Springfield" },
            OpenAccountCount = 2,
        },
    });
}
