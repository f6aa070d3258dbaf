using FederatedAgents.Agents.Contracts.Credit.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>Credit bureau answers to filter: one with recognisable classified values, and random ones.</summary>
internal static class CreditReports
{
    /// <summary>Every classified string value of <see cref="Sample"/>; none may survive filtering for a caller without disclosure.</summary>
    public static readonly string[] ClassifiedValues =
    [
        "NID-900-11-2222", "Harriet Quill", "17 Juniper Lane", "Marlow", "MW1 2QQ", "3 Old Mill Road", "Ashby",
        "ACCT-4111-0001-77", "ACCT-5500-0002-88", "P-X9981723", "+1-555-0100-77", "NOTE-manual-review-42", "bureau-model-7.3",
        "fico-like-v9", "vantage-like-v4",
    ];

    public static AssessResponse Sample() => new()
    {
        ScoreBand = ScoreBand.Good,
        Decision = Decision.Approve,
        ReasonCodes = { "LOW_UTILIZATION", "LONG_HISTORY" },
        ModelVersion = "bureau-model-7.3",
        Report = SampleReport(),
    };

    public static CreditReport SampleReport() => new()
    {
        ReportId = "rpt-20261121-0007",
        GeneratedAt = new Timestamp { Seconds = 1_795_000_000 },
        NationalId = "NID-900-11-2222",
        FullName = "Harriet Quill",
        Address = new PostalAddress { Line1 = "17 Juniper Lane", City = "Marlow", PostalCode = "MW1 2QQ", CountryCode = "GB" },
        PreviousAddresses = { new PostalAddress { Line1 = "3 Old Mill Road", City = "Ashby", CountryCode = "GB" } },
        Accounts =
        {
            new Account
            {
                AccountNumber = "ACCT-4111-0001-77", Lender = "North Bank", Type = AccountType.CreditCard,
                BalanceMinor = 123_456_789, CreditLimitMinor = 500_000_00,
                PaymentHistory = { PaymentStatus.OnTime, PaymentStatus.OnTime, PaymentStatus.Late30 },
                OpenedAt = new Timestamp { Seconds = 1_500_000_000 },
            },
            new Account
            {
                AccountNumber = "ACCT-5500-0002-88", Lender = "Harbor Loans", Type = AccountType.Installment,
                BalanceMinor = 987_654, PaymentHistory = { PaymentStatus.OnTime },
            },
        },
        Inquiries = { new Inquiry { Lender = "North Bank", Purpose = LoanPurpose.Auto, InquiredAt = new Timestamp { Seconds = 1_790_000_000 } } },
        ModelScores = { ["fico-like-v9"] = 742, ["vantage-like-v4"] = 731 },
        MonthlyUtilization = { 31, 28, 25, 22, 19 },
        Collections = { ["case-77"] = new Collection { Agency = "Acme Recovery", AmountMinor = 45_000, OriginalCreditor = "City Power", DebtorPhone = "+1-555-0100-77" } },
        PassportNumber = "P-X9981723",
        OpenAccountCount = 2,
        AnalystNote = "NOTE-manual-review-42",
    };

    /// <summary>A report with each field present or absent at random, repeated fields of random length.</summary>
    public static CreditReport Random(Random random)
    {
        var report = new CreditReport
        {
            ReportId = Maybe(random, Text(random)),
            NationalId = Maybe(random, Text(random)),
            FullName = Maybe(random, Text(random)),
            OpenAccountCount = random.Next(3) == 0 ? 0 : random.Next(),
            AnalystNote = Maybe(random, Text(random)),
            Address = random.Next(2) == 0 ? null : RandomAddress(random),
            GeneratedAt = random.Next(2) == 0 ? null : new Timestamp { Seconds = random.Next() },
        };
        report.PreviousAddresses.Add(Many(random, 3, RandomAddress));
        report.Accounts.Add(Many(random, 6, RandomAccount));
        report.Inquiries.Add(Many(random, 3, r => new Inquiry { Lender = Text(r), Purpose = (LoanPurpose)r.Next(4) }));
        report.MonthlyUtilization.Add(Many(random, 12, r => r.Next(-5, 200)));
        foreach (var name in Many(random, 3, Text))
        {
            report.ModelScores[name] = random.Next(300, 900);
        }

        foreach (var id in Many(random, 3, Text))
        {
            report.Collections[id] = new Collection { Agency = Text(random), AmountMinor = random.NextInt64(), DebtorPhone = Maybe(random, Text(random)) };
        }

        switch (random.Next(4))
        {
            case 1: report.PassportNumber = Text(random); break;
            case 2: report.DriversLicenseNumber = Text(random); break;
            case 3: report.VerifiedInPerson = random.Next(2) == 0; break;
        }

        return report;
    }

    private static PostalAddress RandomAddress(Random random) =>
        new() { Line1 = Text(random), City = Maybe(random, Text(random)), CountryCode = "GB" };

    private static Account RandomAccount(Random random)
    {
        var account = new Account
        {
            AccountNumber = Maybe(random, Text(random)),
            Lender = Maybe(random, Text(random)),
            Type = (AccountType)random.Next(4),
            BalanceMinor = random.Next(3) == 0 ? 0 : random.NextInt64(long.MinValue, long.MaxValue),
            CreditLimitMinor = random.Next(2) == 0 ? 0 : random.NextInt64(),
        };
        account.PaymentHistory.Add(Many(random, 24, r => (PaymentStatus)r.Next(5)));
        return account;
    }

    private static IEnumerable<T> Many<T>(Random random, int max, Func<Random, T> make) =>
        Enumerable.Range(0, random.Next(max + 1)).Select(_ => make(random)).ToList();

    private static string Maybe(Random random, string value) => random.Next(3) == 0 ? "" : value;

    private static string Text(Random random) =>
        string.Create(random.Next(1, 40), random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)r.Next(0x20, 0x250);
            }
        });
}
