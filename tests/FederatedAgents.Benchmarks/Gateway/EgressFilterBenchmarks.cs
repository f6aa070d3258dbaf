using System.Buffers;
using BenchmarkDotNet.Attributes;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Contracts.Loan.V1;
using FederatedAgents.Gateway.Egress;
using Google.Protobuf;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// The egress filter per message, against a plain copy of the same bytes into the same kind of output
/// (the baseline: what forwarding without a filter costs at least). "plain-12B" is a 12-byte
/// CheckLoanRequest, a type without classified fields (the pass-through path); "report-1KiB" an
/// AssessResponse of about 1 KiB whose credit report has classified fields at every level, filtered
/// for a caller with no disclosure scope. "Lookup + filter" adds finding the method's filter by path,
/// which the forwarder does once per call. "Parse (generated type)" is a second yardstick: what merely
/// parsing the message with its generated C# type costs, which a filter built on parsing would exceed.
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- --filter '*EgressFilterBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class EgressFilterBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private EgressFilter _egress = null!;
    private IMessageFilter _filter = null!;
    private ReadOnlySequence<byte> _message;
    private MessageParser _parser = null!;
    private string _path = "";
    private MessageDirection _direction;

    [Params("plain-12B", "report-1KiB")]
    public string Message { get; set; } = "report-1KiB";

    [GlobalSetup]
    public void Setup()
    {
        _egress = new EgressFilter(new DescriptorRegistry([CreditAssessmentReflection.Descriptor, LoanDeskReflection.Descriptor]));
        IMessage message = Message == "plain-12B"
            ? new CheckLoanRequest { ApplicationId = "ap-1", AmountMinor = 100_000, TermMonths = 36 }
            : Report();
        var (path, direction) = Message == "plain-12B"
            ? ("/federatedagents.agents.loan.v1.LoanDesk/CheckLoan", MessageDirection.Request)
            : ("/federatedagents.agents.credit.v1.CreditAssessment/Assess", MessageDirection.Response);
        var bytes = message.ToByteArray();
        _parser = message.Descriptor.Parser;
        _path = path;
        _direction = direction;
        _message = new ReadOnlySequence<byte>(bytes);
        _filter = _egress.For(_path, direction, ClassificationSet.None);
        Console.WriteLine($"// {Message}: {bytes.Length} bytes, filtered to {Filter()} bytes, pass-through: {_filter.PassesThrough}");
    }

    [Benchmark(Baseline = true, Description = "Plain copy")]
    public int PlainCopy()
    {
        _output.ResetWrittenCount();
        foreach (var segment in _message)
        {
            _output.Write(segment.Span);
        }

        return _output.WrittenCount;
    }

    [Benchmark(Description = "Filter")]
    public int Filter()
    {
        _output.ResetWrittenCount();
        return _filter.Filter(_message, _output, out _);
    }

    [Benchmark(Description = "Lookup + filter")]
    public int LookupAndFilter()
    {
        _output.ResetWrittenCount();
        return _egress.For(_path, _direction, ClassificationSet.None).Filter(_message, _output, out _);
    }

    [Benchmark(Description = "Parse (generated type)")]
    public IMessage Parse() => _parser.ParseFrom(_message);

    private static AssessResponse Report()
    {
        var report = new CreditReport
        {
            ReportId = "rpt-20261121-0007",
            NationalId = "NID-900-11-2222",
            FullName = "Harriet Quill",
            Address = new PostalAddress { Line1 = "17 Juniper Lane", City = "Marlow", PostalCode = "MW1 2QQ", CountryCode = "GB" },
            MonthlyUtilization = { 31, 28, 25, 22, 19, 17, 15, 14, 12, 12, 11, 10 },
            ModelScores = { ["score-a"] = 742, ["score-b"] = 731 },
            Collections = { ["case-77"] = new Collection { Agency = "Acme Recovery", AmountMinor = 45_000, DebtorPhone = "+1-555-0100-77" } },
            PassportNumber = "P-X9981723",
            OpenAccountCount = 10,
        };
        for (var i = 0; i < 10; i++)
        {
            report.Accounts.Add(new Account
            {
                AccountNumber = $"ACCT-4111-{i:D4}-77",
                Lender = $"Lender number {i}",
                Type = AccountType.CreditCard,
                BalanceMinor = 1_000_000 + i,
                CreditLimitMinor = 5_000_000,
                PaymentHistory = { Enumerable.Repeat(PaymentStatus.OnTime, 24) },
            });
        }

        report.Inquiries.Add(new Inquiry { Lender = "North Bank", Purpose = LoanPurpose.Auto });
        return new AssessResponse { ScoreBand = ScoreBand.Good, Decision = Decision.Approve, ReasonCodes = { "LOW_UTILIZATION" }, ModelVersion = "bureau-model-7.3", Report = report };
    }
}
