using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Witnessing;

/// <summary>
/// Compares two signed checkpoints of one log — say one the bank holds and one the bureau holds — and reports a
/// split view when they cannot both come from one append-only log. Both must verify as the log's own first:
/// a checkpoint the log did not sign proves nothing about the log.
/// </summary>
public static class SplitViewDetector
{
    /// <summary>
    /// Null when the checkpoints are consistent; otherwise the evidence. Checkpoints of different sizes need
    /// <paramref name="proof"/>, a consistency proof from the smaller to the larger (from the log, or anyone).
    /// Throws <see cref="ArgumentException"/> when a checkpoint does not verify or the proof is missing or for other sizes.
    /// </summary>
    public static SplitViewEvidence? Check(SignedCheckpoint first, SignedCheckpoint second, ConsistencyProof? proof, CheckpointVerifier log)
    {
        ArgumentNullException.ThrowIfNull(log);
        foreach (var checkpoint in new[] { first, second })
        {
            if (log.Check(checkpoint) is { } problem)
            {
                throw new ArgumentException($"Not evidence about '{log.Origin}': {problem}.");
            }
        }

        var (older, newer) = first.Head.Size <= second.Head.Size ? (first, second) : (second, first);
        if (older.Head.Size == newer.Head.Size)
        {
            return older.Head.Root == newer.Head.Root
                ? null
                : new SplitViewEvidence(older, newer, null, $"two checkpoints for {older.Head.Size} records with different roots ({older.Head.Root} and {newer.Head.Root})");
        }

        if (proof is null || proof.OldSize != older.Head.Size || proof.NewSize != newer.Head.Size)
        {
            throw new ArgumentException(
                $"Checkpoints of {older.Head.Size} and {newer.Head.Size} records need a consistency proof between exactly those sizes"
                + (proof is null ? "." : $"; this one is from {proof.OldSize} to {proof.NewSize}."));
        }

        return proof.Verify(older.Head.Root, newer.Head.Root)
            ? null
            : new SplitViewEvidence(older, newer, proof, $"the tree of {newer.Head.Size} records does not extend the tree of {older.Head.Size} records");
    }

    /// <summary>As <see cref="Check"/>, fetching the proof when one is needed (from the log, e.g. <c>store.GetConsistencyProofAsync</c>).</summary>
    public static async Task<SplitViewEvidence?> CheckAsync(
        SignedCheckpoint first,
        SignedCheckpoint second,
        Func<long, long, CancellationToken, Task<ConsistencyProof>> fetchProof,
        CheckpointVerifier log,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchProof);
        var (small, large) = (Math.Min(first.Head.Size, second.Head.Size), Math.Max(first.Head.Size, second.Head.Size));
        var proof = small == large ? null : await fetchProof(small, large, cancellationToken);
        return Check(first, second, proof, log);
    }
}
