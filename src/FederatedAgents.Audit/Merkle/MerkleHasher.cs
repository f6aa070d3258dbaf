using System.Security.Cryptography;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right),
/// empty tree = SHA-256 of the empty string. The prefixes keep a leaf from passing as a node.
/// </summary>
public static class MerkleHasher
{
    // Where OpenSSL cannot be called directly (see OpenSslSha256), one reusable SHA-256 context per thread:
    // the one-shot API sets up a fresh context per call, which costs more than hashing a 65-byte node.
    [ThreadStatic]
    private static IncrementalHash? t_sha;

    public static Sha256Hash EmptyRoot { get; } = Sha256Hash.Of([]);

    private static IncrementalHash Sha => t_sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

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
    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination) => Hash(0x00, data, destination);

    /// <summary>Writes the interior node hash of two 32-byte children into <paramref name="destination"/> (which may alias either).</summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> children = stackalloc byte[2 * Sha256Hash.Length];
        left.CopyTo(children);
        right.CopyTo(children[Sha256Hash.Length..]);
        Hash(0x01, children, destination);
    }

    /// <summary>SHA-256(<paramref name="prefix"/> || <paramref name="data"/>): through OpenSSL directly where it loads, else the BCL.</summary>
    private static void Hash(byte prefix, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (OpenSslSha256.Instance is { } openSsl)
        {
            openSsl.Hash(prefix, data, destination);
            return;
        }

        var sha = Sha;
        sha.AppendData([prefix]);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }
}
