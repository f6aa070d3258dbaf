using System.Globalization;
using FederatedAgents.Audit.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FederatedAgents.Cli.Audit;

/// <summary>
/// One record as people read it: a heading (index, time, kind, outcome), labelled fields, and the delegation
/// chain from the subject through the actors, earliest to current. Rendered as text lines or a Spectre tree.
/// </summary>
internal sealed record AuditRecordView(string Heading, IReadOnlyList<(string Label, string Value)> Fields, IReadOnlyList<string> Chain)
{
    private static readonly string[] s_grpcStatus =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    /// <param name="where">Whose log and which index, e.g. "#12" or "bank #12".</param>
    public static AuditRecordView From(string where, AuditEvent e)
    {
        var fields = new List<(string, string)>();
        void Add(string label, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                fields.Add((label, text));
            }
        }

        Add("org", e.Org);
        Add("txn", e.Txn);
        Add("trace", e.TraceId);
        Add("partner", e.PartnerOrg);
        Add("client", e.ClientId);
        switch (e)
        {
            case CallEvent call:
                Add("method", call.Method);
                break;
            case TokenEvent token:
                Add("grant", token.GrantType);
                Add("audience", token.Audience);
                break;
        }

        Add("scopes", string.Join(' ', e.Scopes));
        Add("purpose", e.Purpose);
        AddDetails(e, Add);
        Add("reason", e.Reason);
        var chain = e.Subject is null ? [] : new[] { e.Subject.ToString() }.Concat(e.Actors.Select(a => a.ToString())).ToList();
        var heading = string.Create(CultureInfo.InvariantCulture, $"{where}  {e.OccurredAt:yyyy-MM-dd HH:mm:ss.fff}Z  {e.Kind}  {e.Outcome.ToString().ToLowerInvariant()}");
        return new AuditRecordView(heading, fields, chain);
    }

    public void WritePlain(TextWriter writer, string indent = "")
    {
        writer.WriteLine(indent + Heading);
        foreach (var (label, value) in Fields)
        {
            writer.WriteLine($"{indent}  {label,-9}{value}");
        }

        for (var i = 0; i < Chain.Count; i++)
        {
            var prefix = i == 0 ? $"{"chain",-9}" : new string(' ', 9 + (3 * (i - 1))) + "└─ ";
            writer.WriteLine($"{indent}  {prefix}{Chain[i]}{ChainRole(i)}");
        }
    }

    public IRenderable ToRenderable()
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (label, value) in Fields)
        {
            grid.AddRow(new Markup($"[grey]{label}[/]"), new Text(value));
        }

        IRenderable body = grid;
        if (Chain.Count > 0)
        {
            var tree = new Tree(new Text(Chain[0] + ChainRole(0)));
            var node = (IHasTreeNodes)tree;
            for (var i = 1; i < Chain.Count; i++)
            {
                node = node.AddNode(new Text(Chain[i] + ChainRole(i)));
            }

            body = new Rows(grid, tree);
        }

        return new Panel(body) { Header = new PanelHeader(Markup.Escape(Heading)), Expand = true };
    }

    private static void AddDetails(AuditEvent e, Action<string, object?> add)
    {
        switch (e)
        {
            case CallCompletedEvent completed:
                add("status", Status(completed.GrpcStatus));
                add("latency", string.Create(CultureInfo.InvariantCulture, $"{completed.Latency.TotalMicroseconds:0} µs"));
                add("request", completed.RequestDigest is { } request ? $"sha256:{request}" : null);
                add("response", completed.ResponseDigest is { } response ? $"sha256:{response}" : null);
                add("removed", string.Join(", ", completed.RemovedFields));
                break;
            case CallDeniedEvent denied:
                add("status", Status(denied.GrpcStatus));
                break;
            case TokenIssuedEvent issued:
                add("token", $"jti {issued.TokenId}, expires {issued.ExpiresAt:u}");
                break;
            case TokenExchangedEvent exchanged:
                add("token", $"jti {exchanged.SubjectTokenId} -> jti {exchanged.TokenId}, expires {exchanged.ExpiresAt:u}");
                break;
            case TokenDeniedEvent tokenDenied:
                add("error", tokenDenied.Error);
                break;
            case ApprovalEvent approval:
                add("approval", $"{approval.ApprovalId}{(approval.Step is null ? "" : $" for step {approval.Step}")}: {(approval.Approved ? "approved" : "rejected")}");
                break;
            case RevocationEvent revocation:
                add("revoked", revocation.TokenId is null ? $"sha256:{revocation.TokenDigest}" : $"jti {revocation.TokenId}");
                break;
        }
    }

    private static string Status(int code) => $"{code} {s_grpcStatus[code]}";

    private string ChainRole(int i) => i == 0 ? " (subject)" : i == Chain.Count - 1 ? " (current actor)" : "";
}
