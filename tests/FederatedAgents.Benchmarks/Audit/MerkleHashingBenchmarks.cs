using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>
/// The CPU cost of the tree per record, against plain SHA-256 of the same record bytes (one-shot API,
/// the baseline; and with a reused context, as the tree hashing does): the leaf hash alone, and the
/// leaf hash plus the one interior node each leaf adds on average.
/// </summary>
[MemoryDiagnoser]
public class MerkleHashingBenchmarks : IDisposable
{
    private readonly byte[] _hash = new byte[32];
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
    public void PlainSha256ReusedContext()
    {
        _sha.AppendData(_record);
        _sha.GetHashAndReset(_hash);
    }

    [Benchmark]
    public void LeafHash() => MerkleHasher.HashLeaf(_record, _hash);

    [Benchmark]
    public void LeafHashPlusNodeHash()
    {
        MerkleHasher.HashLeaf(_record, _hash);
        MerkleHasher.HashChildren(_hash, _hash, _hash);
    }

    public void Dispose()
    {
        _sha.Dispose();
        GC.SuppressFinalize(this);
    }
}
