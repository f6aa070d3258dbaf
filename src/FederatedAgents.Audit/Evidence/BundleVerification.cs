using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Evidence;

/// <summary>
/// What checking an <see cref="EvidenceBundle"/> found: the checkpoint (when its signature verified), every
/// record with whether its proof leads to that checkpoint, and the problems and warnings, in plain words.
/// </summary>
public sealed record BundleVerification
{
    public required EvidenceBundle Bundle { get; init; }

    /// <summary>The bundle's checkpoint when it verified with the keys used; null otherwise.</summary>
    public SignedCheckpoint? Checkpoint { get; init; }

    /// <summary>True when no trusted keys were given and the bundle's own embedded keys were used.</summary>
    public bool UsedEmbeddedKeys { get; init; }

    public required IReadOnlyList<BundleEntry> Records { get; init; }

    /// <summary>Failures: anything here means the bundle is not evidence as it stands.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public bool IsValid => Problems.Count == 0;

    public string Org => Bundle.Org;
}

/// <summary>
/// A bundle record: its event when the leaf bytes parse, and whether its inclusion proof leads to the verified
/// checkpoint (<see cref="Proven"/>). <see cref="Event"/> of an unproven record is only what the bundle claims.
/// </summary>
public sealed record BundleEntry(long Index, AuditEvent? Event, bool Proven);
