using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Grpc.Classification;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>Random credit reports: the wire-level filter agrees with clearing the fields on the parsed message.</summary>
public class MessageFilterPropertyTests
{
    public static TheoryData<string[], DataClassification[]> Callers => new()
    {
        { [], [] },
        { ["disclose:pii"], [DataClassification.Pii] },
        { ["disclose:restricted"], [DataClassification.Restricted] },
        { ["disclose:internal", "disclose:restricted"], [DataClassification.Internal, DataClassification.Restricted] },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public void Filter_RandomReports_MatchesReflectionReference(string[] scopes, DataClassification[] visible)
    {
        var random = new Random(20261121);
        var filter = Filters.For(AssessResponse.Descriptor, scopes);
        for (var i = 0; i < 300; i++)
        {
            var response = new AssessResponse
            {
                ScoreBand = (ScoreBand)random.Next(5),
                ModelVersion = random.Next(2) == 0 ? "" : $"model-{i}",
                Report = random.Next(8) == 0 ? null : CreditReports.Random(random),
            };

            var (bytes, removed) = Filters.Run(filter, response.ToByteArray());

            var (expected, expectedRemoved) = ReferenceRedaction.Redact(response, visible);
            Assert.Equal(expected, AssessResponse.Parser.ParseFrom(bytes));
            Assert.Equal(expected.ToByteArray(), bytes);
            Assert.Equal(expectedRemoved.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        }
    }
}
