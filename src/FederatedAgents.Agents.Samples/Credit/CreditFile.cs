using FederatedAgents.Agents.Contracts.Credit.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedAgents.Agents.Samples.Credit;

/// <summary>
/// The bureau's records, in memory: one report per consumer reference. The demo's applicants are a good
/// payer (<c>C-4821</c>), one with high utilization and a late payment (<c>C-1177</c>) and one in collections (<c>C-9054</c>).
/// </summary>
internal sealed class CreditFile
{
    private readonly Dictionary<string, CreditReport> _reports = new(StringComparer.Ordinal);

    public CreditFile(TimeProvider time)
    {
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        Add(Report("C-4821", "Alice Example", "900101-1234", now, 782, [12, 15, 18], [PaymentStatus.OnTime, PaymentStatus.OnTime]));
        Add(Report("C-1177", "Bob Example", "850505-4321", now, 655, [71, 78, 83], [PaymentStatus.OnTime, PaymentStatus.Late30]));
        var collected = Report("C-9054", "Carol Example", "770707-7777", now, 540, [95, 97, 99], [PaymentStatus.Late60, PaymentStatus.Late90]);
        collected.Collections["case-31"] = new Collection { Agency = "North Recoveries", AmountMinor = 1_250_00, OriginalCreditor = "Metro Card", DebtorPhone = "+1-555-0100" };
        Add(collected);
    }

    public CreditReport? Find(string consumerReference) =>
        _reports.TryGetValue(consumerReference, out var report) ? report.Clone() : null;

    private void Add(CreditReport report) => _reports.Add(report.ReportId[4..], report);

    private static CreditReport Report(string reference, string name, string nationalId, Timestamp now, int score, int[] utilization, PaymentStatus[] payments)
    {
        var report = new CreditReport
        {
            ReportId = "rpt-" + reference,
            GeneratedAt = now,
            FullName = name,
            NationalId = nationalId,
            Address = new PostalAddress { Line1 = "1 Main Street", City = "Springfield", PostalCode = "12345", CountryCode = "US" },
            PassportNumber = "P" + nationalId.Replace("-", "", StringComparison.Ordinal),
            OpenAccountCount = 1,
            AnalystNote = "matched on national id",
        };
        report.ModelScores["fa-score-v2"] = score;
        report.MonthlyUtilization.Add(utilization);
        var account = new Account { AccountNumber = "4000-" + reference, Lender = "Metro Card", Type = AccountType.CreditCard, BalanceMinor = 2_400_00, CreditLimitMinor = 5_000_00 };
        account.PaymentHistory.Add(payments);
        report.Accounts.Add(account);
        report.Inquiries.Add(new Inquiry { Lender = "Metro Card", InquiredAt = now, Purpose = LoanPurpose.Personal });
        return report;
    }
}
