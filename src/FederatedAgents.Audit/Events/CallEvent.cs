using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>A gRPC call through the gateway, identified by its full method path.</summary>
public abstract record CallEvent : AuditEvent
{
    /// <summary>The gRPC method path, e.g. <c>/bank.Accounts/GetBalance</c>.</summary>
    [JsonPropertyOrder(1)]
    public required string Method { get; init => field = AuditText.Required(value, nameof(Method)); }

    private protected static int CheckStatus(int value) =>
        value is >= 0 and <= 16
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A gRPC status code is 0 (OK) to 16 (UNAUTHENTICATED).");
}
