using System.Buffers.Binary;
using System.Security.Cryptography;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// The subtree hashes a page's records complete, recomputed, in position order (the order the walk completes them),
/// each kept as its entry of the <see cref="StoredNodesDigest"/> form — position (8 bytes, big-endian), then the hash —
/// so that the stored rows, or their digest, are checked against all of them at once. Reused from page to page.
/// </summary>
internal sealed class RecomputedNodes
{
    private const int EntryLength = sizeof(long) + Sha256Hash.Length;

    private byte[] _entries = new byte[256 * EntryLength];

    public long StartPosition { get; private set; }

    public int Count { get; private set; }

    public long EndPosition => StartPosition + Count;

    public void Reset(long startPosition) => (StartPosition, Count) = (startPosition, 0);

    /// <summary>Adds the hash of the node at <see cref="EndPosition"/>.</summary>
    public void Add(ReadOnlySpan<byte> hash)
    {
        if ((Count + 1) * EntryLength > _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        var entry = _entries.AsSpan(Count * EntryLength, EntryLength);
        BinaryPrimitives.WriteInt64BigEndian(entry, EndPosition);
        hash.CopyTo(entry[sizeof(long)..]);
        Count++;
    }

    public ReadOnlySpan<byte> Hash(int node) => _entries.AsSpan((node * EntryLength) + sizeof(long), Sha256Hash.Length);

    /// <summary>Whether the stored rows of exactly this position range are these hashes, as far as their digest shows.</summary>
    public bool Match(StoredNodesDigest stored)
    {
        Span<byte> digest = stackalloc byte[Sha256Hash.Length];
        SHA256.HashData(_entries.AsSpan(0, Count * EntryLength), digest);
        return stored.AllHashesSized && digest.SequenceEqual(stored.Digest.AsSpan());
    }

    /// <summary>The first node whose stored row (<paramref name="rows"/>: this range or more, in position order) is missing, stored twice, or differs; null when none is.</summary>
    public NodeMismatch? FindMismatch(StoredRows rows)
    {
        var row = 0;
        for (var node = 0; node < Count; node++, row++)
        {
            var position = StartPosition + node;
            if (row == rows.Count || rows.Key(row) != position)
            {
                return new NodeMismatch(node, NodeFault.Missing, -1);
            }

            if (row + 1 < rows.Count && rows.Key(row + 1) == position)
            {
                return new NodeMismatch(node, NodeFault.StoredTwice, row);
            }

            if (!rows.Value(row).SequenceEqual(Hash(node)))
            {
                return new NodeMismatch(node, NodeFault.Differs, row);
            }
        }

        return null;
    }
}

/// <summary>What is wrong with the stored hash of recomputed node <paramref name="Node"/>, and its row (-1 when missing).</summary>
internal readonly record struct NodeMismatch(int Node, NodeFault Fault, int Row);

internal enum NodeFault
{
    Missing,
    StoredTwice,
    Differs,
}
