using System.Buffers;
using System.Security.Cryptography;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right),
/// empty tree = SHA-256 of the empty string. The prefixes keep a leaf from passing as a node.
/// </summary>
public static class MerkleHasher
{
    private const int StackLimit = 1024;

    public static Sha256Hash EmptyRoot { get; } = Sha256Hash.Of([]);

    public static Sha256Hash HashLeaf(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Sha256Hash.Length];
        HashLeaf(data, hash);
        return Sha256Hash.FromBytes(hash);
    }

    public static Sha256Hash HashChildren(Sha256Hash left, Sha256Hash right)
    {
        Span<byte> hash = stackalloc byte[Sha256Hash.Length];
        HashChildren(left.AsSpan(), right.AsSpan(), hash);
        return Sha256Hash.FromBytes(hash);
    }

    /// <summary>Writes the leaf hash of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        byte[]? rented = null;
        var buffer = data.Length < StackLimit
            ? stackalloc byte[StackLimit]
            : rented = ArrayPool<byte>.Shared.Rent(data.Length + 1);
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        SHA256.HashData(buffer[..(data.Length + 1)], destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the interior node hash of two 32-byte children into <paramref name="destination"/>.</summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Sha256Hash.Length)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Sha256Hash.Length)..]);
        SHA256.HashData(buffer, destination);
    }
}
