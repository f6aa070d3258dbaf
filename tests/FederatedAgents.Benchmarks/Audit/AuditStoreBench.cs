using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Verification;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// Whole-store figures: appends/s with the durability guarantee (each append awaited until its commit
/// is flushed) for 1 and 16 concurrent appenders, then full verification against plain SHA-256 over the
/// same record bytes in memory (reused context: the fastest plain hashing, so the ratio is conservative). Rounds alternate (A B A B …) after discarded warm-ups; medians are reported.
/// Before verifying, each log is filled (batched appends) to at least the verify size, so both stores verify logs of
/// one size, large enough that one-time costs (JIT tier-up, connecting) do not pass for throughput.
/// Usage: audit-store [--postgres CONNECTION] [--seconds 3] [--rounds 3] [--verify-records 200000]
/// </summary>
internal static class AuditStoreBench
{
    /// <summary>
    /// Verifications discarded before measuring: verifying a 200,000-record log takes about half a second, and measured
    /// here the process's CPU per verification settles only from about the fifth (0.75 s, then 0.47 s), as tiered
    /// compilation replaces ahead-of-time and first-tier code; with tiered compilation off, from the second. The first
    /// verification is reported apart.
    /// </summary>
    private const int VerifyWarmUpRounds = 5;

    private static readonly int[] s_appenders = [1, 16];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        var seconds = double.Parse(options.GetValueOrDefault("--seconds", "3"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(options.GetValueOrDefault("--rounds", "3"), CultureInfo.InvariantCulture);
        var verifyRecords = int.Parse(options.GetValueOrDefault("--verify-records", "200000"), CultureInfo.InvariantCulture);
        var directory = Directory.CreateTempSubdirectory("fa-audit-store-bench-");
        try
        {
            await MeasureAsync("sqlite", () => AuditLogStores.OpenSqliteAsync(Path.Combine(directory.FullName, "audit.db")), seconds, rounds, verifyRecords);
            if (options.TryGetValue("--postgres", out var postgres))
            {
                await MeasureAsync("postgres", () => AuditLogStores.OpenPostgresAsync(postgres), seconds, rounds, verifyRecords);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, Func<Task<IAuditLogStore>> open, double seconds, int rounds, int verifyRecords)
    {
        // The previous store's fill leaves many megabytes for the kernel to write back; let that finish first, so it
        // does not slow this store's flushes.
        using (var sync = Process.Start("sync"))
        {
            await sync.WaitForExitAsync();
        }

        await using var store = await open();
        foreach (var appenders in s_appenders)
        {
            await AppendsPerSecondAsync(store, appenders, seconds / 3);
        }

        var results = s_appenders.ToDictionary(a => a, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var appenders in s_appenders)
            {
                results[appenders].Add(await AppendsPerSecondAsync(store, appenders, seconds));
            }
        }

        foreach (var (appenders, perSecond) in results)
        {
            Console.WriteLine($"{name,-9} appenders={appenders,-3} appends/s median={Median(perSecond),9:F0}  rounds=[{string.Join(", ", perSecond.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}]");
        }

        Console.WriteLine($"{name,-9} ratio 16 appenders / 1 appender = {Median(results[16]) / Median(results[1]):F2}");
        await FillAsync(store, verifyRecords);
        await VerifyThroughputAsync(name, store, rounds);
    }

    /// <summary>Appends records in batches of 500 until the log holds at least <paramref name="records"/>.</summary>
    private static async Task FillAsync(IAuditLogStore store, int records)
    {
        for (var size = (await store.GetTreeHeadAsync()).Size; size < records; size += 500)
        {
            await store.AppendBatchAsync([.. Enumerable.Range(0, 500).Select(i => BenchEvents.Call(1_000_000_000 + size + i))]);
        }
    }

    private static async Task<double> AppendsPerSecondAsync(IAuditLogStore store, int appenders, double seconds)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
        {
            var count = 0L;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await store.AppendAsync(BenchEvents.Call((a * 1_000_000L) + count));
                count++;
            }

            return count;
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static async Task VerifyThroughputAsync(string name, IAuditLogStore store, int rounds)
    {
        var records = await store.ReadAsync(0, long.MaxValue).Select(r => r.LeafData).ToListAsync();
        var bytes = records.Sum(r => (long)r.Length);
        var hash = new byte[32];
        using var plain = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        List<double> verifySeconds = [], shaSeconds = [];
        var firstVerify = 0.0;
        for (var round = -VerifyWarmUpRounds; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var result = await AuditLogVerifier.VerifyAsync(store);
            var verify = clock.Elapsed.TotalSeconds;
            firstVerify = firstVerify == 0 ? verify : firstVerify;
            clock.Restart();
            foreach (var record in records)
            {
                plain.AppendData(record);
                plain.GetHashAndReset(hash);
            }

            var sha = clock.Elapsed.TotalSeconds;
            if (!result.IsValid)
            {
                throw new InvalidOperationException(result.Damage!.Message);
            }

            if (round >= 0)
            {
                verifySeconds.Add(verify);
                shaSeconds.Add(sha);
            }
        }

        Console.WriteLine(
            $"{name,-9} verify {records.Count} records ({bytes / 1e6:F1} MB): verify {bytes / Median(verifySeconds) / 1e6:F0} MB/s, "
            + $"plain SHA-256 {bytes / Median(shaSeconds) / 1e6:F0} MB/s, ratio {Median(shaSeconds) / Median(verifySeconds):F2} "
            + $"(this store's first verification: {bytes / firstVerify / 1e6:F0} MB/s)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
