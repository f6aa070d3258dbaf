using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// The CPU cost of the tree per record, against plain SHA-256 of the same record bytes (the baseline):
/// the leaf hash alone, and the leaf hash plus the one interior node each leaf adds on average.
/// </summary>
[MemoryDiagnoser]
public class MerkleHashingBenchmarks
{
    private readonly byte[] _hash = new byte[32];
    private byte[] _record = [];

    [Params("small", "realistic")]
    public string Record { get; set; } = "realistic";

    [GlobalSetup]
    public void Setup() => _record = Record == "small"
        ? new byte[256]
        : AuditEventSerializer.Serialize(BenchEvents.Call(42));

    [Benchmark(Baseline = true)]
    public void PlainSha256() => SHA256.HashData(_record, _hash);

    [Benchmark]
    public void LeafHash() => MerkleHasher.HashLeaf(_record, _hash);

    [Benchmark]
    public void LeafHashPlusNodeHash()
    {
        MerkleHasher.HashLeaf(_record, _hash);
        MerkleHasher.HashChildren(_hash, _hash, _hash);
    }
}
