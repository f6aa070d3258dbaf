using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Witnessing;

/// <summary>
/// A partner organization acting as witness of another's log: it cosigns a checkpoint only after checking the
/// log's signature and that the checkpoint extends the last one it witnessed from that log, and remembers what
/// it witnessed in its own store. An inconsistent checkpoint is refused with the evidence of the split view.
/// </summary>
public sealed class CheckpointWitness(NoteSigner witness, IAuditCheckpointStore state)
{
    /// <summary>The witness's key as the log (and auditors) will verify its cosignatures.</summary>
    public NoteKey PublicKey => witness.PublicKey;

    /// <summary>
    /// The cosignature line for <paramref name="checkpoint"/>, which <paramref name="log"/> must verify.
    /// <paramref name="proof"/> is the consistency proof from the last checkpoint witnessed from that log (its
    /// size is what <see cref="LastWitnessedAsync"/> returns); it may be null only for the first one, or one of
    /// the same size. Throws <see cref="SplitViewException"/> with the evidence when the views diverge, and
    /// <see cref="ArgumentException"/> for a checkpoint or proof that cannot be checked.
    /// </summary>
    public async Task<NoteSignature> CosignAsync(
        SignedCheckpoint checkpoint, CheckpointVerifier log, ConsistencyProof? proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (log.Check(checkpoint) is { } problem)
        {
            throw new ArgumentException($"Refusing to cosign: {problem}.", nameof(checkpoint));
        }

        var last = await state.GetLatestWitnessedAsync(log.Origin, cancellationToken);
        if (last is not null)
        {
            if (last.Head.Size > checkpoint.Head.Size)
            {
                throw new ArgumentException(
                    $"Refusing to cosign {checkpoint}: a checkpoint of {last.Head.Size} records was witnessed already; send a newer one.", nameof(checkpoint));
            }

            if (SplitViewDetector.Check(last, checkpoint, proof, log) is { } splitView)
            {
                throw new SplitViewException(splitView);
            }
        }

        await state.AddWitnessedAsync(checkpoint, cancellationToken);
        return witness.Sign(checkpoint.Body.ToNoteText());
    }

    /// <summary>The last checkpoint witnessed from the log named <paramref name="origin"/>: ask the log for a proof from its size.</summary>
    public Task<SignedCheckpoint?> LastWitnessedAsync(string origin, CancellationToken cancellationToken = default) =>
        state.GetLatestWitnessedAsync(origin, cancellationToken);
}
