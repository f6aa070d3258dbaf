using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// Decides whether a signed checkpoint comes from a log: it must name <see cref="Origin"/> and carry a
/// signature under that name by one of the log's published audit keys that verifies over the body. A
/// signature line of a trusted key that fails to verify rejects the whole checkpoint (C2SP signed-note).
/// </summary>
public sealed class CheckpointVerifier
{
    /// <param name="origin">The log's origin line, which is also its note key name.</param>
    /// <param name="logKeys">The organization's published audit keys (current and earlier ones).</param>
    public CheckpointVerifier(string origin, JsonWebKeySet logKeys)
    {
        ArgumentNullException.ThrowIfNull(logKeys);
        Keys = NoteKey.All(origin, logKeys);
        if (Keys.Count == 0)
        {
            throw new ArgumentException($"The audit keys for '{origin}' hold no P-256 (ES256) key, so no checkpoint of it could verify.", nameof(logKeys));
        }

        Origin = origin;
    }

    public string Origin { get; }

    public IReadOnlyList<NoteKey> Keys { get; }

    /// <summary>Null when the checkpoint is this log's and its signature verifies; otherwise what is wrong.</summary>
    public string? Check(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Origin != Origin
            ? $"{checkpoint} names log '{checkpoint.Origin}', not '{Origin}'"
            : CheckSignedBy(checkpoint, Keys, $"the audit key of '{Origin}'");
    }

    /// <summary>
    /// Null when a signature of one of <paramref name="keys"/> is present and every such signature verifies over
    /// the checkpoint body; otherwise what is wrong, naming the signer as <paramref name="signer"/>.
    /// </summary>
    public static string? CheckSignedBy(SignedCheckpoint checkpoint, IReadOnlyCollection<NoteKey> keys, string signer)
    {
        var text = checkpoint.Body.ToNoteText();
        var signatures = checkpoint.Signatures.Where(s => keys.Any(k => k.Matches(s))).ToList();
        if (signatures.Count == 0)
        {
            var found = string.Join(", ", checkpoint.Signatures.Select(s => $"{s.KeyName} ({s.KeyId:x8})"));
            return $"{checkpoint} has no signature by {signer} (it is signed by {found})";
        }

        return signatures.FirstOrDefault(s => !keys.Any(k => k.Verifies(text, s))) is { } bad
            ? $"{checkpoint}: the signature by {bad.KeyName} (key id {bad.KeyId:x8}) does not verify; the checkpoint was altered or forged"
            : null;
    }
}
