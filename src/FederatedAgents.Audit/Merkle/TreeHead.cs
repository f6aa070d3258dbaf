namespace FederatedAgents.Audit.Merkle;

/// <summary>The size of a log's tree and its RFC 9162 root hash — what a checkpoint signs.</summary>
public sealed record TreeHead(long Size, Sha256Hash Root)
{
    public static TreeHead Empty { get; } = new(0, MerkleHasher.EmptyRoot);
}
