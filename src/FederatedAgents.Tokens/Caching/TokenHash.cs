using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FederatedAgents.Tokens.Caching;

/// <summary>The SHA-256 of a token, all 256 bits, as a dictionary key. Tokens are never kept in memory by the cache, only this.</summary>
internal readonly struct TokenHash : IEquatable<TokenHash>
{
    private const int StackLimit = 8192;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private TokenHash(ReadOnlySpan<byte> hash)
    {
        _a = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]);
    }

    /// <summary>Hashes an ASCII token (the caller checked it is one, so the ASCII bytes are exactly the token).</summary>
    public static TokenHash Of(string asciiToken)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (asciiToken.Length <= StackLimit)
        {
            Span<byte> bytes = stackalloc byte[asciiToken.Length];
            Encoding.ASCII.GetBytes(asciiToken, bytes);
            SHA256.HashData(bytes, hash);
        }
        else
        {
            SHA256.HashData(Encoding.ASCII.GetBytes(asciiToken), hash);
        }

        return new TokenHash(hash);
    }

    public bool Equals(TokenHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is TokenHash other && Equals(other);

    public override int GetHashCode() => (int)_a;
}
