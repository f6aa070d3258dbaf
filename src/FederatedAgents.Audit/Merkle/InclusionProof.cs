namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.3 inclusion proof: the audit path for leaf <see cref="LeafIndex"/> in the tree
/// of <see cref="TreeSize"/> leaves, sibling hashes from the leaf upwards.
/// </summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<Sha256Hash> Hashes)
{
    /// <summary>True when the path leads from <paramref name="leafHash"/> to <paramref name="root"/> (§2.1.3.2).</summary>
    public bool Verify(Sha256Hash leafHash, Sha256Hash root) =>
        !root.IsDefault && ComputeRoot(leafHash) is { } computed && computed == root;

    /// <summary>The root the path leads to, or null when the path cannot belong to this index and size.</summary>
    public Sha256Hash? ComputeRoot(Sha256Hash leafHash)
    {
        if (LeafIndex < 0 || LeafIndex >= TreeSize || leafHash.IsDefault || Hashes.Any(h => h.IsDefault))
        {
            return null;
        }

        var index = LeafIndex;
        var last = TreeSize - 1;
        var hash = leafHash;
        foreach (var sibling in Hashes)
        {
            if (last == 0)
            {
                return null;
            }

            hash = ProofPath.StepUp(ref index, ref last)
                ? MerkleHasher.HashChildren(sibling, hash)
                : MerkleHasher.HashChildren(hash, sibling);
        }

        return last == 0 ? hash : null;
    }
}
