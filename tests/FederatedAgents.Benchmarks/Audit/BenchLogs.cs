using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>Benchmark logs in the temp folder, filled once with <see cref="BenchEvents"/> and reused.</summary>
internal static class BenchLogs
{
    public static async Task<IAuditLogStore> OpenSqliteAsync(string name, long records)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fa-audit-bench"));
        var store = await AuditLogStores.OpenSqliteAsync(Path.Combine(directory.FullName, name + ".db"));
        await FillAsync(store, records);
        return store;
    }

    /// <summary>Appends <see cref="BenchEvents"/> in large batches until the log holds <paramref name="records"/>.</summary>
    public static async Task FillAsync(IAuditLogStore store, long records)
    {
        for (var size = (await store.GetTreeHeadAsync()).Size; size < records;)
        {
            var batch = Enumerable.Range(0, (int)Math.Min(10_000, records - size)).Select(i => BenchEvents.Call(size + i)).ToList();
            size = (await store.AppendBatchAsync(batch))[^1].Index + 1;
        }
    }
}
