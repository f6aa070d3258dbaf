using System.Text;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Egress;

public class MessageFilterTests
{
    private static readonly byte[] s_sample = CreditReports.Sample().ToByteArray();

    [Fact]
    public void Filter_TopLevelClassifiedField_RemovedAndPathReported()
    {
        var response = new AssessResponse { Decision = Decision.Refer, ModelVersion = "bureau-model-7.3" };

        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, response.ToByteArray());

        Assert.Equal(new AssessResponse { Decision = Decision.Refer }, AssessResponse.Parser.ParseFrom(bytes));
        Assert.Equal(["model_version"], removed);
    }

    [Fact]
    public void Filter_NestedMessage_ClassifiedFieldsRemovedAndPublicOnesKept()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample);

        var report = AssessResponse.Parser.ParseFrom(bytes).Report;
        Assert.Equal("", report.NationalId);
        Assert.Equal("", report.FullName);
        Assert.Equal("", report.AnalystNote);
        Assert.Equal("rpt-20261121-0007", report.ReportId);
        Assert.Equal(2, report.OpenAccountCount);
        Assert.Contains("report.national_id", removed);
        Assert.Contains("report.full_name", removed);
        Assert.Contains("report.analyst_note", removed);
    }

    [Fact]
    public void Filter_RepeatedNestedMessages_EveryElementFilteredAndPathReportedOnce()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample);

        var accounts = AssessResponse.Parser.ParseFrom(bytes).Report.Accounts;
        Assert.Equal(["North Bank", "Harbor Loans"], accounts.Select(a => a.Lender));
        Assert.All(accounts, a => Assert.Equal("", a.AccountNumber));
        Assert.All(accounts, a => Assert.Equal(0, a.BalanceMinor));
        Assert.Equal(0, accounts[0].CreditLimitMinor);
        Assert.Equal([PaymentStatus.OnTime, PaymentStatus.OnTime, PaymentStatus.Late30], accounts[0].PaymentHistory);
        Assert.Single(removed, "report.accounts[].account_number");
        Assert.Single(removed, "report.accounts[].balance_minor");
        Assert.Contains("report.accounts[].credit_limit_minor", removed);
    }

    [Fact]
    public void Filter_ClassifiedMapAndPackedScalars_RemovedWhole()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample);

        var report = AssessResponse.Parser.ParseFrom(bytes).Report;
        Assert.Empty(report.ModelScores);
        Assert.Empty(report.MonthlyUtilization);
        Assert.Contains("report.model_scores{}", removed);
        Assert.Contains("report.monthly_utilization[]", removed);
    }

    [Fact]
    public void Filter_MapWithMessageValues_ValuesFilteredAndKeysKept()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample);

        var collection = Assert.Single(AssessResponse.Parser.ParseFrom(bytes).Report.Collections);
        Assert.Equal("case-77", collection.Key);
        Assert.Equal(new Collection { Agency = "Acme Recovery", OriginalCreditor = "City Power" }, collection.Value);
        Assert.Contains("report.collections{}.amount_minor", removed);
        Assert.Contains("report.collections{}.debtor_phone", removed);
    }

    [Fact]
    public void Filter_MessageLevelClassification_RemovesEveryFieldHoldingTheType()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample);

        var report = AssessResponse.Parser.ParseFrom(bytes).Report;
        Assert.Null(report.Address);
        Assert.Empty(report.PreviousAddresses);
        Assert.Contains("report.address", removed);
        Assert.Contains("report.previous_addresses[]", removed);
    }

    [Theory]
    [InlineData(CreditReport.IdentityEvidenceOneofCase.PassportNumber, CreditReport.IdentityEvidenceOneofCase.None, "passport_number")]
    [InlineData(CreditReport.IdentityEvidenceOneofCase.DriversLicenseNumber, CreditReport.IdentityEvidenceOneofCase.None, "drivers_license_number")]
    [InlineData(CreditReport.IdentityEvidenceOneofCase.VerifiedInPerson, CreditReport.IdentityEvidenceOneofCase.VerifiedInPerson, null)]
    public void Filter_OneofMembers_ClassifiedRemovedOthersKept(
        CreditReport.IdentityEvidenceOneofCase set, CreditReport.IdentityEvidenceOneofCase expected, string? removedPath)
    {
        var report = new CreditReport { ReportId = "r" };
        switch (set)
        {
            case CreditReport.IdentityEvidenceOneofCase.PassportNumber: report.PassportNumber = "P-1"; break;
            case CreditReport.IdentityEvidenceOneofCase.DriversLicenseNumber: report.DriversLicenseNumber = "D-1"; break;
            default: report.VerifiedInPerson = false; break;
        }

        var (bytes, removed) = Filters.Run(CreditReport.Descriptor, report.ToByteArray());

        Assert.Equal(expected, CreditReport.Parser.ParseFrom(bytes).IdentityEvidenceCase);
        Assert.Equal(removedPath is null ? [] : [removedPath], removed);
    }

    [Fact]
    public void Filter_Sample_NoClassifiedValueAnywhereInOutput()
    {
        foreach (var value in CreditReports.ClassifiedValues)
        {
            Assert.True(Contains(s_sample, value), $"the sample should hold {value}");
        }

        var (bytes, _) = Filters.Run(AssessResponse.Descriptor, s_sample, "disclose:unrelated", "read:credit");

        Assert.All(CreditReports.ClassifiedValues, value => Assert.False(Contains(bytes, value), $"{value} left the organization"));
        Assert.True(Contains(bytes, "North Bank"));
    }

    [Fact]
    public void Filter_Sample_EqualsOriginalWithClassifiedFieldsCleared()
    {
        var expected = CreditReports.Sample();
        expected.ModelVersion = "";
        var report = expected.Report;
        report.NationalId = report.FullName = report.AnalystNote = "";
        report.Address = null;
        report.PreviousAddresses.Clear();
        report.ModelScores.Clear();
        report.MonthlyUtilization.Clear();
        report.ClearIdentityEvidence();
        foreach (var account in report.Accounts)
        {
            account.AccountNumber = "";
            account.BalanceMinor = account.CreditLimitMinor = 0;
        }

        report.Collections["case-77"].AmountMinor = 0;
        report.Collections["case-77"].DebtorPhone = "";

        var (bytes, _) = Filters.Run(AssessResponse.Descriptor, s_sample);

        Assert.Equal(expected, AssessResponse.Parser.ParseFrom(bytes));
        Assert.Equal(expected.ToByteArray(), bytes);
    }

    [Fact]
    public void Filter_DisclosureScopes_GrantExactlyTheirClasses()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, s_sample, "disclose:pii");

        var report = AssessResponse.Parser.ParseFrom(bytes).Report;
        Assert.Equal("NID-900-11-2222", report.NationalId);
        Assert.Equal("17 Juniper Lane", report.Address.Line1);
        Assert.Equal("+1-555-0100-77", report.Collections["case-77"].DebtorPhone);
        Assert.All(report.Accounts, a => Assert.Equal("", a.AccountNumber));
        Assert.Equal("", report.AnalystNote);
        Assert.DoesNotContain("report.national_id", removed);
        Assert.Contains("report.accounts[].account_number", removed);
    }

    [Fact]
    public void Filter_CallerMaySeeEveryClass_PassesThroughUnchanged()
    {
        var filter = Filters.For(AssessResponse.Descriptor, "disclose:internal", "disclose:pii", "disclose:restricted");

        var (bytes, removed) = Filters.Run(filter, s_sample);

        Assert.True(filter.PassesThrough);
        Assert.Equal(s_sample, bytes);
        Assert.Empty(removed);
    }

    [Fact]
    public void Filter_TypeWithoutClassifiedFields_PassesThroughUnchanged()
    {
        var request = new CheckLoanRequest { ApplicationId = "app-1", AmountMinor = 1_000_000, TermMonths = 36 }.ToByteArray();
        var filter = Filters.For(CheckLoanRequest.Descriptor);

        var (bytes, removed) = Filters.Run(filter, request);

        Assert.True(filter.PassesThrough);
        Assert.Equal(request, bytes);
        Assert.Empty(removed);
    }

    [Fact]
    public void Filter_NoClassifiedFieldPresent_OutputEqualsInput()
    {
        var response = new AssessResponse
        {
            ScoreBand = ScoreBand.Fair,
            ReasonCodes = { "THIN_FILE" },
            Report = new CreditReport { ReportId = "r-1", Accounts = { new Account { Lender = "North Bank" } }, Collections = { ["c"] = new Collection { Agency = "a" } } },
        }.ToByteArray();
        var filter = Filters.For(AssessResponse.Descriptor);

        var (bytes, removed) = Filters.Run(filter, response);

        Assert.False(filter.PassesThrough);
        Assert.Equal(response, bytes);
        Assert.Empty(removed);
    }

    [Fact]
    public void Filter_EmptyMessage_WritesNothing()
    {
        var (bytes, removed) = Filters.Run(AssessResponse.Descriptor, []);

        Assert.Empty(bytes);
        Assert.Empty(removed);
    }

    private static bool Contains(byte[] haystack, string value) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
