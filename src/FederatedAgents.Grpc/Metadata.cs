using System.Collections;
using System.Text;

namespace FederatedAgents.Grpc;

/// <summary>
/// Custom call metadata (request headers, response headers or trailers). Keys are lowercased
/// and validated; a key ending in <c>-bin</c> carries bytes (base64 on the wire), any other
/// key carries printable ASCII. Keys beginning with <c>grpc-</c> are reserved for the protocol.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    /// <summary>An immutable empty instance.</summary>
    public static readonly Metadata Empty = new() { _readOnly = true };

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        Append(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        Append(new Entry(key, value));
        return this;
    }

    public void Add(Entry entry) => Append(entry);

    /// <summary>The last entry with that key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = key.ToLowerInvariant();
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.Where(e => e.Key == normalized);
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Append(Entry entry)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata instance is read-only.");
        }

        _entries.Add(entry);
    }

    /// <summary>One key/value pair. Binary entries (key ending <c>-bin</c>) hold bytes.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in '-bin' and needs a byte[] value.", nameof(value));
            }

            ArgumentNullException.ThrowIfNull(value);
            if (!IsPrintableAscii(value))
            {
                throw new ArgumentException(
                    $"Metadata value for '{Key}' must be printable ASCII; use a key ending in '-bin' for other data.", nameof(value));
            }

            _value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Metadata key '{Key}' must end in '-bin' to carry a byte[] value.", nameof(key));
            }

            _bytes = value ?? throw new ArgumentNullException(nameof(value));
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinarySuffix, StringComparison.Ordinal);

        /// <summary>The text value; for a binary entry, its bytes read as UTF-8.</summary>
        public string Value => _value ?? Encoding.UTF8.GetString(_bytes!);

        /// <summary>The bytes of a binary entry; for a text entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
                {
                    throw new ArgumentException(
                        $"Metadata key '{key}' may contain only a-z, 0-9, '-', '_' and '.'.", nameof(key));
                }
            }

            return normalized;
        }

    }

    /// <summary>True when every char is 0x20–0x7E, the only text a non-binary value may hold.</summary>
    internal static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
