using System.CommandLine;
using System.Globalization;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Cli.Audit;

/// <summary>The record filters <c>audit show</c> and <c>audit export</c> share, and the <see cref="AuditQuery"/> they make.</summary>
internal sealed class AuditQueryOptions
{
    private readonly Option<string> _txn = new("--txn") { Description = "Records of this workflow / transaction id." };
    private readonly Option<string> _subject = new("--subject") { HelpName = "name@issuer", Description = "Records about this issuer-qualified subject, e.g. alice@https://auth.bank.example." };
    private readonly Option<string> _partner = new("--partner") { HelpName = "org", Description = "Records of calls with this partner organization." };
    private readonly Option<string> _method = new("--method") { Description = "Records of this gRPC method path, e.g. /bank.Accounts/GetBalance." };
    private readonly Option<string> _decision = new("--decision") { Description = "Records with this outcome: success, denied or failure." };
    private readonly Option<DateTimeOffset?> _from = new("--from") { HelpName = "time", Description = "Records at or after this time (ISO 8601, e.g. 2026-11-21T12:00:00Z)." };
    private readonly Option<DateTimeOffset?> _to = new("--to") { HelpName = "time", Description = "Records before this time." };

    public AuditQueryOptions() => _decision.AcceptOnlyFromAmong("success", "denied", "failure");

    public IEnumerable<Option> All => [_txn, _subject, _partner, _method, _decision, _from, _to];

    /// <summary>The query, and the filters as text (e.g. "txn=txn-1 partner=bureau") for reports.</summary>
    public (AuditQuery Query, string Text) Read(ParseResult parse)
    {
        var subject = parse.GetValue(_subject);
        var decision = parse.GetValue(_decision);
        AuditQuery query;
        try
        {
            query = new AuditQuery
            {
                Txn = parse.GetValue(_txn),
                Subject = subject is null ? null : IssuerQualifiedName.Parse(subject),
                PartnerOrg = parse.GetValue(_partner),
                Method = parse.GetValue(_method),
                Outcome = decision is null ? null : Enum.Parse<AuditOutcome>(decision, ignoreCase: true),
                From = parse.GetValue(_from),
                To = parse.GetValue(_to),
            };
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"--subject: {e.Message}");
        }

        var text = string.Join(' ', All.Select(o => (Name: o.Name.TrimStart('-'), Value: parse.GetResult(o)?.Tokens.FirstOrDefault()?.Value))
            .Where(f => f.Value is not null).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}={f.Value}")));
        return (query, text.Length == 0 ? "all records" : text);
    }
}
