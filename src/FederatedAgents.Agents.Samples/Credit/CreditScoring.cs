using FederatedAgents.Agents.Contracts.Credit.V1;

namespace FederatedAgents.Agents.Samples.Credit;

/// <summary>Derives the assessment a lender gets (score band, decision, reason codes) from a raw report.</summary>
internal static class CreditScoring
{
    public const string ModelVersion = "fa-score-v2";

    public static AssessResponse Assess(CreditReport report)
    {
        var score = report.ModelScores.TryGetValue(ModelVersion, out var value) ? value : 0;
        var band = score switch
        {
            < 580 => ScoreBand.Poor,
            < 670 => ScoreBand.Fair,
            < 740 => ScoreBand.Good,
            _ => ScoreBand.Excellent,
        };
        var reasons = new List<string>();
        if (report.MonthlyUtilization.Count > 0 && report.MonthlyUtilization.Average() > 50)
        {
            reasons.Add("HIGH_UTILIZATION");
        }

        if (report.Accounts.Any(a => a.PaymentHistory.Any(p => p != PaymentStatus.OnTime)))
        {
            reasons.Add("RECENT_DELINQUENCY");
        }

        if (report.Collections.Count > 0)
        {
            reasons.Add("IN_COLLECTIONS");
        }

        var decision = band == ScoreBand.Poor || report.Collections.Count > 0 ? Decision.Decline
            : band == ScoreBand.Fair || reasons.Count > 0 ? Decision.Refer
            : Decision.Approve;
        var response = new AssessResponse { ScoreBand = band, Decision = decision, ModelVersion = ModelVersion, Report = report };
        response.ReasonCodes.Add(reasons);
        return response;
    }
}
