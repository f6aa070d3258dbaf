using System.Buffers.Binary;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// One signature line of a C2SP signed note: <c>— &lt;key name&gt; base64(key ID || signature)</c>, the key ID
/// being 4 bytes big-endian. The (name, key ID) pair picks the verifying key; the line alone proves nothing.
/// </summary>
public sealed record NoteSignature
{
    private const string Dash = "\u2014 ";

    public NoteSignature(string keyName, uint keyId, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        KeyName = CheckKeyName(keyName);
        KeyId = keyId;
        Signature = signature;
    }

    public string KeyName { get; }

    public uint KeyId { get; }

    public byte[] Signature { get; }

    /// <summary>The line without its final newline.</summary>
    public string ToLine()
    {
        var bytes = new byte[4 + Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.CopyTo(bytes, 4);
        return $"{Dash}{KeyName} {Convert.ToBase64String(bytes)}";
    }

    /// <summary>Parses one line (without its newline); null when it is not a well-formed signature line.</summary>
    public static NoteSignature? TryParse(string line)
    {
        if (!line.StartsWith(Dash, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line[Dash.Length..].Split(' ');
        if (parts is not [var name, var encoded] || !IsValidKeyName(name))
        {
            return null;
        }

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written) || written <= 4 || Convert.ToBase64String(bytes, 0, written) != encoded)
        {
            return null;
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..written]);
    }

    public override string ToString() => ToLine();

    /// <summary>Returns the name when it can be a note key name, else throws <see cref="ArgumentException"/> saying why not.</summary>
    internal static string CheckKeyName(string name) =>
        IsValidKeyName(name)
            ? name
            : throw new ArgumentException(
                $"A note key name is non-empty printable text without spaces or '+' (e.g. 'bank.example/audit'), got '{name}'.", nameof(name));

    private static bool IsValidKeyName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c > ' ' && c != '+' && !char.IsControl(c) && !char.IsWhiteSpace(c));
}
