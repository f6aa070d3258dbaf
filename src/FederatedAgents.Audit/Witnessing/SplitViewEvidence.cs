using System.Text;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Witnessing;

/// <summary>
/// Proof that a log showed two views: two checkpoints it signed (each verifiable with its published key) that
/// no append-only log can both have produced — the same size with different roots, or a larger tree that the
/// offered consistency proof does not connect to the smaller one. Anyone holding the log's keys can check it.
/// </summary>
public sealed record SplitViewEvidence(SignedCheckpoint Older, SignedCheckpoint Newer, ConsistencyProof? Proof, string Description)
{
    /// <summary>A self-contained text report: what is wrong, both signed notes, and the failing proof.</summary>
    public string ToReport()
    {
        var report = new StringBuilder()
            .AppendLine($"SPLIT VIEW of log '{Older.Origin}': {Description}")
            .AppendLine().AppendLine($"Checkpoint A (size {Older.Head.Size}):").Append(Older.ToNote())
            .AppendLine().AppendLine($"Checkpoint B (size {Newer.Head.Size}):").Append(Newer.ToNote());
        if (Proof is not null)
        {
            report.AppendLine().AppendLine($"Consistency proof {Proof.OldSize} -> {Proof.NewSize} (does not verify):");
            foreach (var hash in Proof.Hashes)
            {
                report.AppendLine(hash.ToString());
            }
        }

        return report.ToString();
    }
}

/// <summary>Thrown when a checkpoint is inconsistent with one already seen from the same log; carries the evidence.</summary>
public sealed class SplitViewException(SplitViewEvidence evidence) : Exception(evidence.Description)
{
    public SplitViewEvidence Evidence { get; } = evidence;
}
