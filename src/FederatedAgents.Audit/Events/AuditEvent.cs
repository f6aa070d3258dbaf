using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// One audit record: who (issuer-qualified subject, actor chain earliest → current, client),
/// what, when, within which workflow (<see cref="Txn"/>) and trace, and how it ended. Every text
/// field passes <see cref="AuditText"/>, so no record can carry a whole token; payloads appear
/// only as <see cref="Sha256Hash"/> digests. The canonical JSON of a record is its Merkle leaf data.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TokenIssuedEvent), AuditEventKinds.TokenIssued)]
[JsonDerivedType(typeof(TokenExchangedEvent), AuditEventKinds.TokenExchanged)]
[JsonDerivedType(typeof(TokenDeniedEvent), AuditEventKinds.TokenDenied)]
[JsonDerivedType(typeof(CallAllowedEvent), AuditEventKinds.CallAllowed)]
[JsonDerivedType(typeof(CallDeniedEvent), AuditEventKinds.CallDenied)]
[JsonDerivedType(typeof(CallCompletedEvent), AuditEventKinds.CallCompleted)]
[JsonDerivedType(typeof(ApprovalEvent), AuditEventKinds.Approval)]
[JsonDerivedType(typeof(RevocationEvent), AuditEventKinds.Revocation)]
public abstract record AuditEvent
{
    /// <summary>Version of the canonical serialization; bumped only with a new reader for the old form.</summary>
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-20)]
    public int SchemaVersion
    {
        get => CurrentSchemaVersion;
        init
        {
            if (value != CurrentSchemaVersion)
            {
                throw new NotSupportedException(
                    $"Audit record schema version {value} is not supported (this build reads version {CurrentSchemaVersion}).");
            }
        }
    }

    /// <summary>The <c>kind</c> discriminator (<see cref="AuditEventKinds"/>).</summary>
    [JsonIgnore]
    public string Kind => KindName;

    [JsonPropertyOrder(-19)]
    public required string EventId { get; init => field = AuditText.Required(value, nameof(EventId)); }

    [JsonPropertyOrder(-18)]
    public AuditOutcome Outcome => OutcomeOfEvent;

    /// <summary>When it happened; stored in UTC with 100 ns precision.</summary>
    [JsonPropertyOrder(-17)]
    public required DateTimeOffset OccurredAt { get; init => field = value.ToUniversalTime(); }

    /// <summary>The organization whose log holds this record.</summary>
    [JsonPropertyOrder(-16)]
    public required string Org { get; init => field = AuditText.Required(value, nameof(Org)); }

    /// <summary>W3C trace id: 32 lowercase hex digits.</summary>
    [JsonPropertyOrder(-15)]
    public string? TraceId { get; init => field = AuditText.Optional(value, nameof(TraceId)) is { } id ? CheckTraceId(id) : null; }

    /// <summary>The workflow / transaction id (the token's <c>txn</c> claim).</summary>
    [JsonPropertyOrder(-14)]
    public string? Txn { get; init => field = AuditText.Optional(value, nameof(Txn)); }

    [JsonPropertyOrder(-13)]
    public IssuerQualifiedName? Subject { get; init; }

    /// <summary>The delegation chain, earliest actor first and the current actor last.</summary>
    [JsonPropertyOrder(-12)]
    public IReadOnlyList<IssuerQualifiedName> Actors { get; init => field = value ?? []; } = [];

    [JsonPropertyOrder(-11)]
    public string? ClientId { get; init => field = AuditText.Optional(value, nameof(ClientId)); }

    [JsonPropertyOrder(-10)]
    public string? PartnerOrg { get; init => field = AuditText.Optional(value, nameof(PartnerOrg)); }

    /// <summary>Scopes requested, granted or required, as the event type says.</summary>
    [JsonPropertyOrder(-9)]
    public IReadOnlyList<string> Scopes { get; init => field = AuditText.List(value, nameof(Scopes)); } = [];

    /// <summary>The declared purpose of use, where a policy asks for one.</summary>
    [JsonPropertyOrder(-8)]
    public string? Purpose { get; init => field = AuditText.Optional(value, nameof(Purpose)); }

    /// <summary>Why the decision went the way it did (policy rule, OAuth error description).</summary>
    [JsonPropertyOrder(-7)]
    public string? Reason { get; init => field = AuditText.Optional(value, nameof(Reason), AuditText.ProseMaxLength); }

    private protected abstract string KindName { get; }

    private protected abstract AuditOutcome OutcomeOfEvent { get; }

    /// <summary>A fresh random event id (128 bits, base64url).</summary>
    public static string NewEventId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static string CheckTraceId(string id) =>
        id.Length == 32 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') && id.Any(c => c != '0')
            ? id
            : throw new ArgumentException($"TraceId '{id}' is not a W3C trace id (32 lowercase hex digits, not all zero).", nameof(TraceId));
}
