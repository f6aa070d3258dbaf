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
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }

        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (_bytes.Length - start < value.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, start + value.Length));
        }

        value.CopyTo(_bytes.AsSpan(start));
        _keys[Count] = key;
        _ends[Count++] = start + value.Length;
    }
}
