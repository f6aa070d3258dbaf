using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// A JWK Set (RFC 7517 §5) of public signing keys, looked up by <c>kid</c>. When parsing, keys
/// this project cannot use (other key types or curves, encryption keys, malformed or private
/// members) are skipped and listed in <see cref="Ignored"/>, as RFC 7517 §5 asks; keys that share
/// a <c>kid</c> are all skipped, since a <c>kid</c> must select exactly one key.
/// </summary>
public sealed class JsonWebKeySet
{
    private readonly FrozenDictionary<string, JsonWebKey> _byKeyId;

    /// <summary>Builds a set; throws <see cref="ArgumentException"/> when two keys share a <c>kid</c>.</summary>
    public JsonWebKeySet(IEnumerable<JsonWebKey> keys)
        : this([.. keys], [])
    {
        if (_byKeyId.Count != Keys.Count)
        {
            throw new ArgumentException("Two keys share a kid; every key in a JWK Set needs its own.", nameof(keys));
        }
    }

    private JsonWebKeySet(IReadOnlyList<JsonWebKey> keys, IReadOnlyList<string> ignored)
    {
        Keys = keys;
        Ignored = ignored;
        _byKeyId = keys.DistinctBy(k => k.KeyId).ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal);
    }

    public static JsonWebKeySet Empty { get; } = new([], []);

    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>Why each skipped key was skipped, one line per key.</summary>
    public IReadOnlyList<string> Ignored { get; }

    public bool TryFindKey(string keyId, [NotNullWhen(true)] out JsonWebKey? key) =>
        _byKeyId.TryGetValue(keyId, out key);

    /// <summary>Parses a JWK Set document; throws <see cref="FormatException"/> when it is not one.</summary>
    public static JsonWebKeySet Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="Parse(string)"/>
    public static JsonWebKeySet Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var root = StrictJson.ParseObject(utf8Json, out var problem)
            ?? throw new FormatException($"The JWK Set {problem}.");
        if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The JWK Set has no 'keys' array (RFC 7517 §5).");
        }

        var usable = new List<JsonWebKey>();
        var ignored = new List<string>();
        var index = 0;
        foreach (var element in keys.EnumerateArray())
        {
            var reason = "it is not an object";
            if (element.ValueKind == JsonValueKind.Object && JsonWebKey.TryParse(element, out reason) is { } key)
            {
                usable.Add(key);
            }
            else
            {
                ignored.Add($"key #{index} ignored: {reason}");
            }

            index++;
        }

        foreach (var group in usable.GroupBy(k => k.KeyId, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
        {
            usable.RemoveAll(k => k.KeyId == group.Key);
            ignored.Add($"kid '{group.Key}' ignored: {group.Count()} keys share it");
        }

        return new JsonWebKeySet(usable, ignored);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var key in Keys)
        {
            key.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The set as a JWKS document (<c>application/jwk-set+json</c>).</summary>
    public string ToJson() => Encoding.UTF8.GetString(StrictJson.Write(WriteTo));
}
