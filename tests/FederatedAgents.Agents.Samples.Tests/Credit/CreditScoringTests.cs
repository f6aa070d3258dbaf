using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Testing;

namespace FederatedAgents.Agents.Samples.Tests.Credit;

public sealed class CreditScoringTests
{
    private readonly CreditFile _file = new(new FakeTimeProvider());

    [Theory]
    [InlineData("C-4821", ScoreBand.Excellent, Decision.Approve, "")]
    [InlineData("C-1177", ScoreBand.Fair, Decision.Refer, "HIGH_UTILIZATION RECENT_DELINQUENCY")]
    [InlineData("C-9054", ScoreBand.Poor, Decision.Decline, "HIGH_UTILIZATION RECENT_DELINQUENCY IN_COLLECTIONS")]
    public void Assess_SampleApplicants_DerivesBandDecisionAndReasonsFromTheReport(string reference, ScoreBand band, Decision decision, string reasons)
    {
        var assessment = CreditScoring.Assess(_file.Find(reference)!);

        Assert.Equal((band, decision), (assessment.ScoreBand, assessment.Decision));
        Assert.Equal(reasons, string.Join(' ', assessment.ReasonCodes));
    }

    [Fact]
    public void Assess_ScoreChangesBand_DecisionFollows()
    {
        var report = _file.Find("C-4821")!;
        report.ModelScores[CreditScoring.ModelVersion] = 700;

        var assessment = CreditScoring.Assess(report);

        Assert.Equal((ScoreBand.Good, Decision.Approve), (assessment.ScoreBand, assessment.Decision));
    }

    [Fact]
    public void Find_SameReferenceTwice_ReturnsIndependentCopies()
    {
        _file.Find("C-4821")!.FullName = "changed";

        Assert.Equal("Alice Example", _file.Find("C-4821")!.FullName);
    }
}
