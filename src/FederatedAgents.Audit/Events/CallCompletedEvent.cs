using System.Text.Json.Serialization;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// A call finished: its status, latency, digests of what went in and out, and the classified
/// fields the egress filter removed from the response.
/// </summary>
public sealed record CallCompletedEvent : CallEvent
{
    private protected override string KindName => AuditEventKinds.CallCompleted;

    private protected override AuditOutcome OutcomeOfEvent => GrpcStatus == 0 ? AuditOutcome.Success : AuditOutcome.Failure;

    [JsonPropertyOrder(10)]
    public required int GrpcStatus { get; init => field = CheckStatus(value); }

    /// <summary>Wall time of the call; kept to whole microseconds.</summary>
    [JsonPropertyOrder(11)]
    [JsonPropertyName("latencyMicros")]
    [JsonConverter(typeof(MicrosecondsConverter))]
    public required TimeSpan Latency
    {
        get;
        init => field = value >= TimeSpan.Zero
            ? TimeSpan.FromMicroseconds(Math.Floor(value.TotalMicroseconds))
            : throw new ArgumentOutOfRangeException(nameof(Latency), value, "Latency cannot be negative.");
    }

    /// <summary>SHA-256 of the request messages as received (never the payload).</summary>
    [JsonPropertyOrder(12)]
    public Sha256Hash? RequestDigest { get; init; }

    /// <summary>SHA-256 of the response messages as sent, after egress filtering.</summary>
    [JsonPropertyOrder(13)]
    public Sha256Hash? ResponseDigest { get; init; }

    /// <summary>Field paths (e.g. <c>customer.ssn</c>) the egress filter removed because the token did not grant them.</summary>
    [JsonPropertyOrder(14)]
    public IReadOnlyList<string> RemovedFields { get; init => field = AuditText.List(value, nameof(RemovedFields)); } = [];
}
