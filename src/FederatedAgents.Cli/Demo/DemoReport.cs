namespace FederatedAgents.Cli.Demo;

/// <summary>
/// What the demo prints: steps, facts under them, and each expected outcome with what was seen (kept in
/// <see cref="Outcomes"/>). Issuer URLs read as organization names.
/// </summary>
internal sealed class DemoReport(TextWriter output, IReadOnlyDictionary<string, string> issuers)
{
    private readonly List<DemoOutcome> _outcomes = [];

    public IReadOnlyList<DemoOutcome> Outcomes => _outcomes;

    public void Step(string title)
    {
        output.WriteLine();
        output.WriteLine($"== {title}");
    }

    public void Fact(string label, string value) => output.WriteLine($"     {label}: {value}");

    public void Expect(string expectation, bool happened, string seen)
    {
        _outcomes.Add(new DemoOutcome(expectation, happened, seen));
        output.WriteLine($"  {(happened ? "[ok]    " : "[FAILED]")} {expectation}{(happened ? "" : $" -- saw: {seen}")}");
    }

    /// <summary><c>alice@https://127.0.0.1:7443</c> reads <c>alice@bank</c>.</summary>
    public string Readable(string text)
    {
        foreach (var (issuer, name) in issuers)
        {
            text = text.Replace(issuer, name, StringComparison.Ordinal);
        }

        return text.Replace("bank-gateway@bank", "gateway@bank", StringComparison.Ordinal);
    }
}
