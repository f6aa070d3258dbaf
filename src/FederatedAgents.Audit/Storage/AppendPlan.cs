using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Storage;

/// <summary>The rows one commit writes: records at consecutive indexes, the subtree hashes they complete, the new head.</summary>
internal sealed class AppendPlan
{
    private readonly List<byte[]> _records = [];
    private readonly List<long> _nodePositions = [];
    private readonly List<byte[]> _nodeHashes = [];

    public AppendPlan(long firstIndex, MerkleFrontier frontier)
    {
        FirstIndex = firstIndex;
        Frontier = frontier;
    }

    public long FirstIndex { get; }

    public MerkleFrontier Frontier { get; }

    public IReadOnlyList<byte[]> Records => _records;

    public IReadOnlyList<long> NodePositions => _nodePositions;

    public IReadOnlyList<byte[]> NodeHashes => _nodeHashes;

    public TreeHead Head => new(Frontier.Size, Frontier.Root());

    public void Add(byte[] leafData)
    {
        Span<byte> leafHash = stackalloc byte[Sha256Hash.Length];
        MerkleHasher.HashLeaf(leafData, leafHash);
        var position = NodeKey.LeafPosition(Frontier.Size);
        var completed = Frontier.Append(leafHash);
        for (var level = 0; level < completed; level++)
        {
            _nodePositions.Add(position + level);
            _nodeHashes.Add(Frontier.Completed(level).ToArray());
        }

        _records.Add(leafData);
    }
}
