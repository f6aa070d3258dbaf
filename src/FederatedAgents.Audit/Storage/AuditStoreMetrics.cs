using System.Diagnostics.Metrics;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The audit store's instruments (meter <see cref="MeterName"/>), for dashboards and for explaining append latency:
/// how many records each group commit takes, how long a commit holds the log (lock wait, writes, flush), and how long
/// an append waits in all until its records are durable.
/// </summary>
public static class AuditStoreMetrics
{
    public const string MeterName = "FederatedAgents.Audit";

    /// <summary>Records per group commit.</summary>
    public const string CommitRecords = "fa.audit.commit.records";

    /// <summary>Milliseconds from a commit's start (before it waits for the database's write lock) until it is durable.</summary>
    public const string CommitDuration = "fa.audit.commit.duration";

    /// <summary>Milliseconds a commit waits for the log's write lock (held by another writer: a replica, a checkpoint being stored).</summary>
    public const string CommitLockWait = "fa.audit.commit.lock_wait";

    /// <summary>Milliseconds from an append's call until its records are durable (queueing behind earlier commits included).</summary>
    public const string AppendDuration = "fa.audit.append.duration";

    private static readonly Meter s_meter = new(MeterName);

    internal static readonly Histogram<int> Records = s_meter.CreateHistogram<int>(CommitRecords, "{record}", "Records per group commit.");

    internal static readonly Histogram<double> Commit = s_meter.CreateHistogram<double>(CommitDuration, "ms", "Time a group commit takes until its records are durable.");

    internal static readonly Histogram<double> LockWait = s_meter.CreateHistogram<double>(CommitLockWait, "ms", "Time a group commit waits for the log's write lock.");

    internal static readonly Histogram<double> Append = s_meter.CreateHistogram<double>(AppendDuration, "ms", "Time an append waits until its records are durable.");
}
