namespace FederatedAgents.Agents.Samples.Loan;

/// <summary>The bank's loan applications, in memory: which customer applied and the consent they gave for a bureau check.</summary>
internal static class LoanApplications
{
    private static readonly Dictionary<string, LoanApplication> s_applications = new(StringComparer.Ordinal)
    {
        ["app-1001"] = new("cust-001", "C-4821", "consent-1001"),
        ["app-1002"] = new("cust-002", "C-1177", "consent-1002"),
        ["app-1003"] = new("cust-003", "C-9054", "consent-1003"),
    };

    public static LoanApplication? Find(string applicationId) => s_applications.GetValueOrDefault(applicationId);
}

/// <param name="CustomerId">The bank's customer id of the applicant.</param>
/// <param name="ConsumerReference">The applicant's reference at the bureau.</param>
/// <param name="ConsentId">The applicant's consent to a bureau check.</param>
internal sealed record LoanApplication(string CustomerId, string ConsumerReference, string ConsentId);
