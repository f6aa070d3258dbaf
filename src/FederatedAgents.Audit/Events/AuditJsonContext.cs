using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// Source-generated contract of canonical form v1: fixed member order (<c>kind</c> first, then
/// <see cref="JsonPropertyOrderAttribute"/>), camelCase names, absent rather than null members, no
/// whitespace. Reading is strict: unknown or duplicate members and nulls in non-nullable members fail.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    Converters = [typeof(CanonicalStringConverter), typeof(IssuerQualifiedNameConverter), typeof(UtcTimestampConverter), typeof(Sha256HashConverter)])]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(AuditOutcome))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
