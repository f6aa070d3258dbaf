using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Verification;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// Full verification of a 100 000-record SQLite log (read every record and subtree hash, recompute and
/// compare) against plain SHA-256 over the same record bytes held in memory, with a reused context
/// (the baseline, and the fastest way this runtime hashes them).
/// </summary>
public class VerifyBenchmarks : IDisposable
{
    private const long LogSize = 100_000;

    private readonly byte[] _hash = new byte[32];
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private IAuditLogStore? _store;
    private List<byte[]> _records = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await BenchLogs.OpenSqliteAsync("audit-100k", LogSize);
        _records = await _store.ReadAsync(0, LogSize).Select(r => r.LeafData).ToListAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public void PlainSha256OverRecordBytes()
    {
        foreach (var record in _records)
        {
            _sha.AppendData(record);
            _sha.GetHashAndReset(_hash);
        }
    }

    [Benchmark]
    public async Task<bool> VerifySqliteLog() => (await AuditLogVerifier.VerifyAsync(_store!)).IsValid;

    public void Dispose()
    {
        _sha.Dispose();
        GC.SuppressFinalize(this);
    }
}
