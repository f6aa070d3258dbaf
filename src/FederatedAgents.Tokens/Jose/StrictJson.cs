using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// The only way JOSE and JWT JSON is read here (RFC 8725 §3.14 and its update): valid UTF-8,
/// no duplicate member names at any depth, no comments or trailing commas, nothing after the
/// value, bounded nesting, and an object at the root. Also the one way JOSE JSON is written:
/// compact, no whitespace.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Parses a JSON object into a self-contained element, or returns null and says what is wrong.
    /// </summary>
    public static JsonElement? ParseObject(ReadOnlyMemory<byte> utf8, out string problem)
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            problem = "is not valid UTF-8";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, s_options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"must be a JSON object, not {document.RootElement.ValueKind}";
                return null;
            }

            problem = "";
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problem = $"is not strict JSON ({e.Message})";
            return null;
        }
    }

    /// <summary>Reads a string value; false for other kinds and for escaped lone surrogates.</summary>
    public static bool TryGetString(JsonElement element, out string value)
    {
        value = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads an optional string member: true with null when absent, true with the value when a
    /// string, false when present with another kind.
    /// </summary>
    public static bool TryGetOptionalString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (!TryGetString(element, out var text))
        {
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>Writes compact UTF-8 JSON, escaping only what JSON requires (so <c>at+jwt</c> stays readable).</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
