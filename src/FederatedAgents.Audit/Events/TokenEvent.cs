using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>A decision of the authority at its token endpoint.</summary>
public abstract record TokenEvent : AuditEvent
{
    /// <summary>The OAuth grant type, e.g. <c>urn:ietf:params:oauth:grant-type:token-exchange</c>.</summary>
    [JsonPropertyOrder(1)]
    public required string GrantType { get; init => field = AuditText.Required(value, nameof(GrantType)); }

    /// <summary>The audience the token is (or would have been) for.</summary>
    [JsonPropertyOrder(2)]
    public string? Audience { get; init => field = AuditText.Optional(value, nameof(Audience)); }
}
