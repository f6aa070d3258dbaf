using BenchmarkDotNet.Attributes;
using FederatedAgents.Audit;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// Inclusion proofs served by the SQLite store from a log of one million records, for trees of
/// 1 000 and 1 000 000 leaves (same database, ~10 and ~20 hashes), and the client-side verification of such a proof.
/// The log is built once into the temp folder and reused by later runs.
/// </summary>
public class InclusionProofBenchmarks
{
    private const long LogSize = 1_000_000;

    private IAuditLogStore? _store;
    private InclusionProof? _proof;
    private Sha256Hash _leafHash;
    private Sha256Hash _root;
    private long _next;

    [Params(1_000L, 1_000_000L)]
    public long TreeSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await BenchLogs.OpenSqliteAsync("audit-1m", LogSize);
        var record = await _store.ReadAsync(TreeSize / 3, (TreeSize / 3) + 1).SingleAsync();
        _leafHash = record.LeafHash;
        _proof = await _store.GetInclusionProofAsync(record.Index, TreeSize);
        _root = _proof.ComputeRoot(_leafHash) ?? throw new InvalidOperationException("The store served a malformed proof.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Benchmark]
    public Task<InclusionProof> ProofFromStore()
    {
        _next = (_next + 7919) % TreeSize;
        return _store!.GetInclusionProofAsync(_next, TreeSize);
    }

    [Benchmark]
    public bool VerifyProof() => _proof!.Verify(_leafHash, _root);
}
