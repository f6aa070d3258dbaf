using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Verification;

/// <summary>The outcome of verifying a log: valid, or the first damage found (verification stops there).</summary>
public sealed record AuditVerificationResult(TreeHead StoredHead, long RecordsChecked, AuditDamageReport? Damage)
{
    public bool IsValid => Damage is null;

    /// <summary>
    /// Stored checkpoints whose signature verified and whose root matched the recomputed tree (0 unless
    /// <see cref="AuditVerificationOptions.Checkpoints"/> was set). Matching checkpoints are mutually consistent.
    /// </summary>
    public int CheckpointsVerified { get; init; }
}

/// <summary>
/// The first damage found. <see cref="FirstBadIndex"/> is the lowest leaf index that cannot be trusted:
/// every record below it verified. For a root that disagrees while every record and subtree matched,
/// it is the tree size the root was claimed for.
/// </summary>
public sealed record AuditDamageReport(long FirstBadIndex, AuditDamage Kind, string Message);

/// <summary>What kind of damage the verifier found.</summary>
public enum AuditDamage
{
    /// <summary>A record's bytes no longer hash to the leaf stored for its index.</summary>
    AlteredRecord,

    /// <summary>A record is gone: its index is missing, or later records were renumbered to close the gap.</summary>
    DeletedRecord,

    /// <summary>A record that was never appended: beyond the tree, or pushed in with later records renumbered.</summary>
    InsertedRecord,

    /// <summary>Records were moved: the record at this index belongs at another one.</summary>
    ReorderedRecords,

    /// <summary>A stored subtree hash is missing or differs from the hash of the records beneath it.</summary>
    AlteredTree,

    /// <summary>A root (stored head or a trusted anchor such as a checkpoint) differs from the recomputed one.</summary>
    RootMismatch,

    /// <summary>A stored checkpoint is malformed, names another log, or its signature does not verify with the log's keys.</summary>
    InvalidCheckpoint,
}

/// <summary>Progress of a running verification, reported once per page of records.</summary>
public readonly record struct AuditVerificationProgress(long RecordsChecked, long TotalRecords);
