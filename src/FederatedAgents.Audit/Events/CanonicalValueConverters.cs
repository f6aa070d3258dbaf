using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// Timestamps as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>: always UTC, always seven fraction digits,
/// so the text sorts in time order and stores can range-query it as a string.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParseExact(
            CanonicalJson.ReadString(ref reader), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"Audit timestamps are written {Format} (UTC).");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToText(value));
}

/// <summary>SHA-256 values as 64 lowercase hex digits.</summary>
internal sealed class Sha256HashConverter : JsonConverter<Sha256Hash>
{
    public override Sha256Hash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Sha256Hash.Parse(CanonicalJson.ReadString(ref reader));

    public override void Write(Utf8JsonWriter writer, Sha256Hash value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>A duration as a whole number of microseconds.</summary>
internal sealed class MicrosecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeSpan.FromMicroseconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((long)value.TotalMicroseconds);
}
