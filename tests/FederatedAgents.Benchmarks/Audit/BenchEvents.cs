using FederatedAgents.Audit;
using FederatedAgents.Audit.Events;

namespace FederatedAgents.Benchmarks.Audit;

/// <summary>A realistic record: a completed cross-org call with a two-actor chain and payload digests (~830 bytes canonical).</summary>
internal static class BenchEvents
{
    private static readonly IssuerQualifiedName s_alice = IssuerQualifiedName.Parse("alice@https://auth.bank.example");
    private static readonly IssuerQualifiedName s_planner = IssuerQualifiedName.Parse("planner-agent@https://auth.bank.example");
    private static readonly IssuerQualifiedName s_gateway = IssuerQualifiedName.Parse("gateway@https://auth.insurer.example");

    public static CallCompletedEvent Call(long n) => new()
    {
        EventId = AuditEvent.NewEventId(),
        OccurredAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(n),
        Org = "bank",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        Txn = $"txn-{n / 10}",
        Subject = s_alice,
        Actors = [s_planner, s_gateway],
        ClientId = "insurer-gateway",
        PartnerOrg = "insurer",
        Method = "/bank.Accounts/GetBalance",
        Scopes = ["accounts.read", "accounts.balance"],
        Purpose = "claim-review",
        Reason = "policy accounts-read-partner",
        GrpcStatus = 0,
        Latency = TimeSpan.FromMicroseconds(1234 + (n % 1000)),
        RequestDigest = Sha256Hash.Of(BitConverter.GetBytes(n)),
        ResponseDigest = Sha256Hash.Of(BitConverter.GetBytes(~n)),
        RemovedFields = ["customer.ssn"],
    };
}
