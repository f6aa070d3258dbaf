using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Verification;

/// <summary>How to verify: pages, progress, and trusted tree heads to compare against.</summary>
public sealed record AuditVerificationOptions
{
    /// <summary>
    /// Tree heads trusted from outside the database (phase 2: signed checkpoints, after their signatures
    /// are checked), in ascending size. The recomputed root at each size must equal the anchor's root; since
    /// every root is recomputed from the same records, agreeing anchors are also mutually consistent.
    /// </summary>
    public IAsyncEnumerable<TreeAnchor>? Anchors { get; init; }

    /// <summary>
    /// The log's origin and published audit keys. When set, every checkpoint stored in the log is read with the
    /// records, its signature checked (a bad one is <see cref="AuditDamage.InvalidCheckpoint"/>) and its root
    /// compared with the recomputed tree at its size, as an anchor. When null, stored checkpoints are not read.
    /// </summary>
    public CheckpointVerifier? Checkpoints { get; init; }

    /// <summary>Receives (records checked, total) after every page.</summary>
    public IProgress<AuditVerificationProgress>? Progress { get; init; }

    /// <summary>Records read per round trip (default 4096). Memory use is proportional to this, not to the log.</summary>
    public int PageSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(PageSize), value, "PageSize must be positive.");
    } = 4096;
}

/// <summary>A tree head trusted from outside the database; <see cref="Source"/> names it in reports (e.g. "checkpoint 12").</summary>
public sealed record TreeAnchor(TreeHead Head, string Source);
