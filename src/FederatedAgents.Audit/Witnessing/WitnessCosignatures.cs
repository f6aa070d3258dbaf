using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Witnessing;

/// <summary>The log's side of witnessing: accept a partner's cosignature of one of its own checkpoints.</summary>
public static class WitnessCosignatures
{
    /// <summary>
    /// Stores <paramref name="cosignature"/> beside the stored checkpoint of <paramref name="treeSize"/> records once
    /// it verifies with <paramref name="witness"/>'s key; throws <see cref="ArgumentException"/> when it does not, and
    /// <see cref="InvalidOperationException"/> when no checkpoint of that size is stored.
    /// </summary>
    public static async Task AcceptAsync(
        IAuditCheckpointStore store, long treeSize, NoteSignature cosignature, NoteKey witness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var checkpoint = await store.GetAsync(treeSize, cancellationToken)
            ?? throw new InvalidOperationException($"No checkpoint for {treeSize} records is stored, so there is nothing for {witness.Name} to cosign.");
        if (!witness.Verifies(checkpoint.Body.ToNoteText(), cosignature))
        {
            throw new ArgumentException($"The cosignature is not {witness}'s signature of {checkpoint}.", nameof(cosignature));
        }

        await store.AddCosignatureAsync(treeSize, cosignature, cancellationToken);
    }
}
