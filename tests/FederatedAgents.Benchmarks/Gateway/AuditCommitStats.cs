using System.Diagnostics.Metrics;
using System.Globalization;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// Means of the audit store's instruments (<see cref="AuditStoreMetrics"/>) since the previous read, so a benchmark run
/// shows how its appends were committed: "commits=N records/commit=… commit-ms=… lock-wait-ms=… append-ms=…".
/// </summary>
internal sealed class AuditCommitStats : IDisposable
{
    private static readonly string[] s_instruments =
        [AuditStoreMetrics.CommitRecords, AuditStoreMetrics.CommitDuration, AuditStoreMetrics.CommitLockWait, AuditStoreMetrics.AppendDuration];

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, double Sum)> _totals = [];

    public AuditCommitStats()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuditStoreMetrics.MeterName && s_instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    public string Read()
    {
        lock (_gate)
        {
            var commits = _totals.GetValueOrDefault(AuditStoreMetrics.CommitRecords).Count;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"commits={commits} records/commit={Mean(AuditStoreMetrics.CommitRecords):F1} commit-ms={Mean(AuditStoreMetrics.CommitDuration):F2} lock-wait-ms={Mean(AuditStoreMetrics.CommitLockWait):F2} append-ms={Mean(AuditStoreMetrics.AppendDuration):F2}");
            _totals.Clear();
            return text;
        }
    }

    public void Dispose() => _listener.Dispose();

    private double Mean(string instrument) => _totals.TryGetValue(instrument, out var total) && total.Count > 0 ? total.Sum / total.Count : 0;

    private void Add(string instrument, double value)
    {
        lock (_gate)
        {
            var (count, sum) = _totals.GetValueOrDefault(instrument);
            _totals[instrument] = (count + 1, sum + value);
        }
    }
}
