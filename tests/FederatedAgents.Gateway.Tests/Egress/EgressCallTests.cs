using System.Text.Json.Nodes;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Audit.Events;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>
/// The egress filter wired into partner calls: classified fields leave the organization only when the caller's token
/// grants their disclosure, the audit record names what was removed, and a method without a descriptor is refused.
/// </summary>
public sealed class EgressCallTests : SecureGatewayTest
{
    protected override Task<GrpcTestServer> StartAgentAsync() => CreditAssessmentAgent.StartAsync();

    protected override Task<SecureGateway> StartGatewayAsync(GrpcTestServer agent) => SecureGateway.StartAsync(
        agent.Address,
        config => config["Agents"]!.AsArray().Add(CreditAgent(agent, new JsonObject
        {
            ["Name"] = CreditAssessmentAgent.Service + "/Assess",
            ["RequiredScopes"] = GatewayJson.Strings(["credit.read"]),
            ["AllowedPartners"] = GatewayJson.Strings(["bureau"]),
        })),
        CreditAssessmentReflection.Descriptor);

    [Fact]
    public async Task PartnerWithoutDisclosureScopes_ClassifiedFieldsRemovedAndAudited()
    {
        var response = await AssessAsync(Bank.PartnerChannel(), ["credit.read"]);

        Assert.Equal(ScoreBand.Good, response.ScoreBand);
        Assert.Equal("", response.ModelVersion);
        Assert.Equal(("", "", null, 2), (response.Report.NationalId, response.Report.FullName, response.Report.Address, response.Report.OpenAccountCount));
        var record = Assert.IsType<CallCompletedEvent>((await Bank.RecordsAsync())[^1]);
        Assert.Equal(["model_version", "report.address", "report.full_name", "report.national_id"], record.RemovedFields.Order());
    }

    [Fact]
    public async Task PartnerWithDisclosureScopes_FieldsKept()
    {
        var response = await AssessAsync(Bank.PartnerChannel(), ["credit.read", "disclose:pii", "disclose:internal"]);

        Assert.Equal(("model-7", "123-45-6789", "Alice Example", "Springfield"), (response.ModelVersion, response.Report.NationalId, response.Report.FullName, response.Report.Address.City));
        Assert.Empty(Assert.IsType<CallCompletedEvent>((await Bank.RecordsAsync())[^1]).RemovedFields);
    }

    [Fact]
    public async Task PartnerWithPiiScopeOnly_InternalFieldsStillRemoved()
    {
        var response = await AssessAsync(Bank.PartnerChannel(), ["credit.read", "disclose:pii"]);

        Assert.Equal(("", "123-45-6789"), (response.ModelVersion, response.Report.NationalId));
    }

    [Fact]
    public async Task LocalCaller_ResponseNotFiltered()
    {
        var token = Bank.Token(boundTo: null, scopes: ["credit.read"]).Token;

        var response = await Bank.Gateway.Local.CreateCallInvoker()
            .AsyncUnaryCall(CreditAssessmentAgent.AssessMethod, SecureGateway.Bearer(token), new AssessRequest { ConsumerReference = "r-1" }).ResponseAsync.Bounded();

        Assert.Equal("123-45-6789", response.Report.NationalId);
    }

    [Fact]
    public async Task MethodWithoutDescriptor_RefusedBeforeTheAgent()
    {
        await using var bank = await SecureGateway.StartAsync(Agent.Address, config => config["Agents"]!.AsArray().Add(
            CreditAgent(Agent, new JsonObject { ["Name"] = CreditAssessmentAgent.Service + "/*", ["AllowedPartners"] = GatewayJson.Strings(["bureau"]) })));
        using var channel = bank.PartnerChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker()
            .AsyncUnaryCall(CreditAssessmentAgent.AssessMethod, SecureGateway.Bearer(bank.Token().Token), new AssessRequest()).ResponseAsync.Bounded());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("cannot remove classified fields", ex.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>The gateway's entry for the credit agent, with one method policy.</summary>
    private static JsonObject CreditAgent(GrpcTestServer agent, JsonObject policy) => new()
    {
        ["Name"] = "credit",
        ["Endpoints"] = GatewayJson.Strings([agent.Address.ToString()]),
        ["Services"] = GatewayJson.Strings([CreditAssessmentAgent.Service]),
        ["Methods"] = new JsonArray(policy),
    };

    private async Task<AssessResponse> AssessAsync(GrpcChannel channel, string[] scopes)
    {
        using (channel)
        {
            return await channel.CreateCallInvoker()
                .AsyncUnaryCall(CreditAssessmentAgent.AssessMethod, SecureGateway.Bearer(Bank.Token(scopes: scopes).Token), new AssessRequest { ConsumerReference = "r-1" })
                .ResponseAsync.Bounded();
        }
    }
}
