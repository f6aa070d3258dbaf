using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>How the audited decision or action ended; fixed by the event type (and status where it has one).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditOutcome>))]
public enum AuditOutcome
{
    [JsonStringEnumMemberName("success")]
    Success,

    [JsonStringEnumMemberName("denied")]
    Denied,

    [JsonStringEnumMemberName("failure")]
    Failure,
}
