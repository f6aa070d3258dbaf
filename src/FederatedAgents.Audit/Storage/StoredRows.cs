using System.Data.Common;

namespace FederatedAgents.Audit.Storage;

/// <summary>
/// Rows read from a snapshot, raw: a key (record index or node position) and the bytes as stored, in one
/// growing buffer that is reused page after page, so reading a page allocates nothing once it has grown.
/// </summary>
public sealed class StoredRows
{
    private long[] _keys = new long[256];
    private int[] _ends = new int[256];
    private byte[] _bytes = new byte[16 * 1024];

    public int Count { get; private set; }

    public long Key(int row) => _keys[row];

    public ReadOnlySpan<byte> Value(int row)
    {
        var start = row == 0 ? 0 : _ends[row - 1];
        return _bytes.AsSpan(start, _ends[row] - start);
    }

    /// <summary>Empties the rows, keeping the buffers.</summary>
    public void Clear() => Count = 0;

    public void Add(long key, ReadOnlySpan<byte> value)
    {
        var offset = Append(key, value.Length);
        value.CopyTo(_bytes.AsSpan(offset));
    }

    /// <summary>Adds a row whose bytes are copied straight from column <paramref name="ordinal"/> of the reader's current row, with no array in between.</summary>
    internal void Add(long key, DbDataReader reader, int ordinal)
    {
        var length = checked((int)reader.GetBytes(ordinal, 0, null, 0, 0));
        var offset = Append(key, length);
        reader.GetBytes(ordinal, 0, _bytes, offset, length);
    }

    /// <summary>
    /// Adds a row of <paramref name="length"/> bytes and returns the offset where they go. It may replace the buffer, so
    /// callers read <c>_bytes</c> only after it returns.
    /// </summary>
    private int Append(long key, int length)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }

        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (_bytes.Length - start < length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, start + length));
        }

        _keys[Count] = key;
        _ends[Count++] = start + length;
        return start;
    }
}
