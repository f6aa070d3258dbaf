using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// String escaping of the canonical form, fixed here rather than left to an encoder that may change
/// between runtime versions: printable ASCII stays as is except <c>"</c> and <c>\</c>; everything
/// else becomes <c>\uxxxx</c> (lowercase hex, surrogate pairs as two escapes). Leaf data is pure ASCII.
/// </summary>
internal static class CanonicalJson
{
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                quoted.Append(c);
            }
            else
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        writer.WriteRawValue(quoted.Append('"').ToString(), skipInputValidation: true);
    }

    public static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"Expected a JSON string, found {reader.TokenType}.");
}

/// <summary>Every string member of an audit record, written with <see cref="CanonicalJson"/> escaping.</summary>
internal sealed class CanonicalStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CanonicalJson.ReadString(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        CanonicalJson.WriteString(writer, value);
}

/// <summary>An issuer-qualified name as the single string <c>subject@issuer</c>.</summary>
internal sealed class IssuerQualifiedNameConverter : JsonConverter<IssuerQualifiedName>
{
    public override IssuerQualifiedName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IssuerQualifiedName.Parse(CanonicalJson.ReadString(ref reader));

    public override void Write(Utf8JsonWriter writer, IssuerQualifiedName value, JsonSerializerOptions options) =>
        CanonicalJson.WriteString(writer, value.ToString());
}
