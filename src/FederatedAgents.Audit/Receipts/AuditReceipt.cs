using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Receipts;

/// <summary>
/// A receiving organization's signed statement that it logged a call: which log (<see cref="LogOrigin"/>),
/// where (<see cref="LeafIndex"/>, <see cref="LeafHash"/>), the tree head of the commit that made it durable,
/// and what the call was (txn, method, decision, status, payload digests). <see cref="Token"/> is the JWS;
/// instances come from <see cref="AuditReceiptIssuer"/> or, verified, from <see cref="AuditReceiptVerifier"/>.
/// </summary>
public sealed record AuditReceipt
{
    /// <summary>The compact JWS (<c>audit-receipt+jwt</c>) as issued.</summary>
    public required string Token { get; init; }

    /// <summary>The organization whose log holds the record (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The calling organization the receipt is for (<c>aud</c>), when the record names one.</summary>
    public string? Audience { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required string LogOrigin { get; init; }

    public required long LeafIndex { get; init; }

    public required Sha256Hash LeafHash { get; init; }

    /// <summary>The head of the commit that made the record durable; its size is above <see cref="LeafIndex"/>.</summary>
    public required TreeHead TreeHead { get; init; }

    public string? Txn { get; init; }

    public required string Method { get; init; }

    /// <summary><see cref="AuditReceiptClaims.Allowed"/> or <see cref="AuditReceiptClaims.Denied"/>.</summary>
    public required string Decision { get; init; }

    public int? GrpcStatus { get; init; }

    public Sha256Hash? RequestDigest { get; init; }

    public Sha256Hash? ResponseDigest { get; init; }

    /// <summary>
    /// Null when <paramref name="proof"/> shows the receipt's leaf in <paramref name="checkpoint"/>'s tree — a
    /// checkpoint of the issuer's log whose signature the caller has already verified; otherwise what is wrong.
    /// </summary>
    public string? CheckInclusion(SignedCheckpoint checkpoint, InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(proof);
        if (checkpoint.Origin != LogOrigin)
        {
            return $"the receipt names log '{LogOrigin}' but the checkpoint is of '{checkpoint.Origin}'";
        }

        if (checkpoint.Head.Size <= LeafIndex)
        {
            return $"the checkpoint covers {checkpoint.Head.Size} records, not record {LeafIndex}; use a later checkpoint";
        }

        if (proof.LeafIndex != LeafIndex || proof.TreeSize != checkpoint.Head.Size)
        {
            return $"the proof is for record {proof.LeafIndex} in a tree of {proof.TreeSize}, not record {LeafIndex} in the checkpoint's {checkpoint.Head.Size}";
        }

        return proof.Verify(LeafHash, checkpoint.Head.Root)
            ? null
            : $"leaf {LeafHash} is not record {LeafIndex} of {checkpoint}: the issuer's log does not hold what it receipted";
    }

    /// <summary>
    /// Null when <paramref name="proof"/> shows the receipt's tree head is a prefix of <paramref name="checkpoint"/>'s
    /// tree (an already verified, later checkpoint of the issuer's log); otherwise what is wrong — the issuer showed
    /// the caller a tree that its log does not extend (a split view).
    /// </summary>
    public string? CheckConsistency(SignedCheckpoint checkpoint, ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.OldSize != TreeHead.Size || proof.NewSize != checkpoint.Head.Size)
        {
            return $"the proof is from size {proof.OldSize} to {proof.NewSize}, not from the receipt's {TreeHead.Size} to the checkpoint's {checkpoint.Head.Size}";
        }

        return proof.Verify(TreeHead.Root, checkpoint.Head.Root)
            ? null
            : $"the receipt's tree (size {TreeHead.Size}, root {TreeHead.Root}) is not a prefix of {checkpoint}: the issuer showed two views of its log";
    }
}
