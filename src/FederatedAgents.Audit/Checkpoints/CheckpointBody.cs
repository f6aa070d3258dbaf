using System.Globalization;
using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// The signed part of a checkpoint in the C2SP tlog-checkpoint form: the log's origin line, the
/// tree size in decimal and the root hash in base64, each ending in a newline. Signing (a signed
/// note over <see cref="ToNoteText"/>) and witness co-signatures are added on top of this type.
/// </summary>
public sealed record CheckpointBody
{
    public CheckpointBody(string origin, TreeHead head)
    {
        if (string.IsNullOrWhiteSpace(origin) || origin.Any(char.IsControl) || origin.Trim() != origin)
        {
            throw new ArgumentException(
                $"A checkpoint origin is one line naming the log (e.g. 'bank.example/audit'), got '{origin}'.", nameof(origin));
        }

        ArgumentNullException.ThrowIfNull(head);
        Origin = origin;
        Head = head;
    }

    public string Origin { get; }

    public TreeHead Head { get; }

    public string ToNoteText() =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Head.Size}\n{Convert.ToBase64String(Head.Root.AsSpan())}\n");

    /// <summary>Parses exactly the three lines <see cref="ToNoteText"/> writes.</summary>
    public static CheckpointBody Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        var lines = noteText.Split('\n');
        if (lines is not [var origin, var size, var root, ""]
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize)
            || size != treeSize.ToString(CultureInfo.InvariantCulture)
            || !TryDecodeRoot(root, out var rootHash))
        {
            throw new FormatException("A checkpoint body is three lines: origin, decimal tree size, base64 SHA-256 root, each ending in '\\n'.");
        }

        return new CheckpointBody(origin, new TreeHead(treeSize, rootHash));
    }

    private static bool TryDecodeRoot(string text, out Sha256Hash root)
    {
        Span<byte> bytes = stackalloc byte[Sha256Hash.Length + 3];
        var ok = Convert.TryFromBase64String(text, bytes, out var written) && written == Sha256Hash.Length
            && Convert.ToBase64String(bytes[..written]) == text;
        root = ok ? Sha256Hash.FromBytes(bytes[..written]) : default;
        return ok;
    }
}
