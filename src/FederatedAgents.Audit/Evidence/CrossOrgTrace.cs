using FederatedAgents.Audit.Events;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Evidence;

/// <summary>
/// Joins several organizations' bundles into one story of a transaction: every proven record with that
/// <c>txn</c>, in time order, and every receipt one side holds checked against the other side's log.
/// </summary>
public static class CrossOrgTrace
{
    /// <param name="trustedKeys">Audit keys by organization obtained outside the bundles; organizations missing here
    /// are checked with their bundle's embedded keys, with a warning.</param>
    public static async Task<TraceReport> BuildAsync(
        string txn,
        IReadOnlyList<EvidenceBundle> bundles,
        IReadOnlyDictionary<string, JsonWebKeySet> trustedKeys,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txn);
        if (bundles.GroupBy(b => b.Org).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two bundles come from '{twice.Key}'; give one bundle per organization.", nameof(bundles));
        }

        var logs = bundles.Select(b => EvidenceBundleVerifier.Verify(b, trustedKeys.GetValueOrDefault(b.Org))).ToDictionary(v => v.Org);
        var keys = new Dictionary<string, JsonWebKeySet>(trustedKeys);
        foreach (var log in logs.Values.Where(l => !keys.ContainsKey(l.Org)))
        {
            try
            {
                keys[log.Org] = log.Bundle.EmbeddedKeys();
            }
            catch (FormatException)
            {
                // Its verification already reports unusable embedded keys; its receipts stay unchecked.
            }
        }

        var checker = new ReceiptChecker(keys, logs, time);
        var receipts = new List<ReceiptCheck>();
        foreach (var log in logs.Values)
        {
            var inTxn = log.Records.Where(r => r.Event?.Txn == txn).Select(r => r.Index).ToHashSet();
            receipts.AddRange((await checker.CheckAsync(log, cancellationToken)).Where(c => inTxn.Contains(c.HolderIndex)));
        }

        var steps = logs.Values
            .SelectMany(log => log.Records.Where(r => r.Event?.Txn == txn).Select(r => new TraceStep(log.Org, r.Index, r.Event!, r.Proven)))
            .OrderBy(s => s.Event.OccurredAt).ThenBy(s => s.Org, StringComparer.Ordinal).ThenBy(s => s.Index)
            .ToList();
        return new TraceReport(txn, steps, receipts, [.. logs.Values]);
    }
}

/// <summary>One record of the transaction: whose log, which index, the event, and whether it is proven in that log.</summary>
public sealed record TraceStep(string Org, long Index, AuditEvent Event, bool Proven);

/// <summary>The joined story, the receipt checks, and each bundle's own verification.</summary>
public sealed record TraceReport(string Txn, IReadOnlyList<TraceStep> Steps, IReadOnlyList<ReceiptCheck> Receipts, IReadOnlyList<BundleVerification> Bundles)
{
    /// <summary>True when every bundle verified, every step is proven and no receipt contradicts a log.</summary>
    public bool IsConsistent =>
        Bundles.All(b => b.IsValid) && Steps.All(s => s.Proven) && Receipts.All(r => r.Status != ReceiptStatus.Invalid);
}
