using System.Numerics;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.4 consistency proof: evidence that the tree of <see cref="NewSize"/> leaves
/// extends the tree of <see cref="OldSize"/> leaves without changing any of them.
/// </summary>
public sealed record ConsistencyProof(long OldSize, long NewSize, IReadOnlyList<Sha256Hash> Hashes)
{
    /// <summary>True when the proof shows <paramref name="newRoot"/>'s tree extends <paramref name="oldRoot"/>'s (§2.1.4.2).</summary>
    public bool Verify(Sha256Hash oldRoot, Sha256Hash newRoot)
    {
        if (OldSize < 0 || OldSize > NewSize || oldRoot.IsDefault || newRoot.IsDefault || Hashes.Any(h => h.IsDefault))
        {
            return false;
        }

        if (OldSize == NewSize)
        {
            return Hashes.Count == 0 && oldRoot == newRoot;
        }

        if (OldSize == 0)
        {
            return Hashes.Count == 0;
        }

        return Hashes.Count > 0 && VerifyPath(oldRoot, newRoot);
    }

    private bool VerifyPath(Sha256Hash oldRoot, Sha256Hash newRoot)
    {
        IEnumerable<Sha256Hash> path = BitOperations.IsPow2(OldSize) ? [oldRoot, .. Hashes] : Hashes;
        var oldIndex = OldSize - 1;
        var newIndex = NewSize - 1;
        while ((oldIndex & 1) == 1)
        {
            oldIndex >>= 1;
            newIndex >>= 1;
        }

        var oldHash = path.First();
        var newHash = oldHash;
        foreach (var hash in path.Skip(1))
        {
            if (newIndex == 0)
            {
                return false;
            }

            if (ProofPath.StepUp(ref oldIndex, ref newIndex))
            {
                oldHash = MerkleHasher.HashChildren(hash, oldHash);
                newHash = MerkleHasher.HashChildren(hash, newHash);
            }
            else
            {
                newHash = MerkleHasher.HashChildren(newHash, hash);
            }
        }

        return newIndex == 0 && oldHash == oldRoot && newHash == newRoot;
    }
}
