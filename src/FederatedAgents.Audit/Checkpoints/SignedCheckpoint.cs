using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// A checkpoint as a C2SP signed note: the <see cref="CheckpointBody"/> text, a blank line, then one
/// signature line per signer — the log's own (key name = origin) and any witnesses' cosignatures over
/// the same text. Immutable; <see cref="CheckpointVerifier"/> decides whether to trust it.
/// </summary>
public sealed record SignedCheckpoint
{
    /// <summary>Notes larger than this are refused before parsing.</summary>
    public const int MaxNoteLength = 16 * 1024;

    /// <summary>At most this many signature lines (C2SP asks verifiers to accept at least 16).</summary>
    public const int MaxSignatures = 64;

    public SignedCheckpoint(CheckpointBody body, IReadOnlyList<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatures.Count is 0 or > MaxSignatures)
        {
            throw new ArgumentException($"A signed checkpoint has 1 to {MaxSignatures} signatures, got {signatures.Count}.", nameof(signatures));
        }

        Body = body;
        Signatures = signatures;
    }

    public CheckpointBody Body { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    public string Origin => Body.Origin;

    public TreeHead Head => Body.Head;

    /// <summary>Adds a signature line (a witness's cosignature) unless one with the same key name and ID is already there.</summary>
    public SignedCheckpoint WithSignature(NoteSignature signature) =>
        Signatures.Any(s => s.KeyName == signature.KeyName && s.KeyId == signature.KeyId)
            ? this
            : new SignedCheckpoint(Body, [.. Signatures, signature]);

    /// <summary>The whole signed note, ending in a newline.</summary>
    public string ToNote() => $"{Body.ToNoteText()}\n{string.Concat(Signatures.Select(s => s.ToLine() + "\n"))}";

    /// <summary>Parses a signed note whose text is a checkpoint body; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SignedCheckpoint Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.Length > MaxNoteLength)
        {
            throw new FormatException($"The signed checkpoint is {note.Length} characters; the limit is {MaxNoteLength}.");
        }

        if (note.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new FormatException("A signed note has no control characters other than newlines.");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || split + 2 >= note.Length || !note.EndsWith('\n'))
        {
            throw new FormatException("A signed note is its text, a blank line, then signature lines ('— name base64'), each ending in a newline.");
        }

        var lines = note[(split + 2)..^1].Split('\n');
        var signatures = lines.Select(NoteSignature.TryParse).ToList();
        if (signatures.IndexOf(null) is var bad and >= 0)
        {
            throw new FormatException($"Signature line {bad + 1} is not '— <key name> <base64 key ID and signature>': '{lines[bad]}'.");
        }

        if (signatures.Count > MaxSignatures)
        {
            throw new FormatException($"The checkpoint has {signatures.Count} signatures; at most {MaxSignatures} are read.");
        }

        return new SignedCheckpoint(CheckpointBody.Parse(note[..(split + 1)]), signatures!);
    }

    public override string ToString() => $"checkpoint {Origin} @ {Head.Size}";
}
