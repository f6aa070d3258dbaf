using System.Security.Cryptography;

namespace FederatedAgents.Audit;

/// <summary>
/// A SHA-256 value: a Merkle tree hash or the digest of a payload. Immutable; text form is
/// 64 lowercase hex digits. Holding only a digest is how audit records avoid ever storing a payload.
/// </summary>
public readonly struct Sha256Hash : IEquatable<Sha256Hash>
{
    public const int Length = 32;

    private readonly byte[]? _bytes;

    private Sha256Hash(byte[] bytes) => _bytes = bytes;

    /// <summary>The digest of <paramref name="payload"/> (the payload itself is not kept).</summary>
    public static Sha256Hash Of(ReadOnlySpan<byte> payload) => new(SHA256.HashData(payload));

    /// <summary>Wraps an existing 32-byte hash (copied).</summary>
    public static Sha256Hash FromBytes(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Length)
        {
            throw new ArgumentException($"A SHA-256 hash is {Length} bytes, got {hash.Length}.", nameof(hash));
        }

        return new Sha256Hash(hash.ToArray());
    }

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static Sha256Hash Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"A SHA-256 hash is {Length * 2} hex digits; '{Truncate(hex)}' is not.");
        }

        return new Sha256Hash(Convert.FromHexString(hex));
    }

    public bool IsDefault => _bytes is null;

    public ReadOnlySpan<byte> AsSpan() => _bytes ?? throw new InvalidOperationException("The hash is uninitialized (default).");

    public byte[] ToArray() => AsSpan().ToArray();

    public bool Equals(Sha256Hash other) => _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is Sha256Hash other && Equals(other);

    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes);

    public override string ToString() => _bytes is null ? "" : Convert.ToHexStringLower(_bytes);

    public static bool operator ==(Sha256Hash left, Sha256Hash right) => left.Equals(right);

    public static bool operator !=(Sha256Hash left, Sha256Hash right) => !left.Equals(right);

    private static string Truncate(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
