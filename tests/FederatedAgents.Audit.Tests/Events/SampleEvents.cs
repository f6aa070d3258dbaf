using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Tests.Events;

/// <summary>One fully populated event of every kind, and a generator of varied call events for store tests.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset At = new(2026, 11, 21, 12, 30, 15, 123, TimeSpan.Zero);

    public static readonly IssuerQualifiedName Alice = IssuerQualifiedName.Parse("alice@https://auth.bank.example");
    public static readonly IssuerQualifiedName PlannerAgent = IssuerQualifiedName.Parse("planner@https://auth.bank.example");
    public static readonly IssuerQualifiedName BankGateway = IssuerQualifiedName.Parse("gateway@https://auth.bank.example");

    public static IEnumerable<AuditEvent> OneOfEachKind()
    {
        yield return new TokenIssuedEvent
        {
            EventId = "evt-issued", OccurredAt = At, Org = "bank", Subject = Alice, ClientId = "planner",
            GrantType = "client_credentials", Audience = "https://gw.bank.example", Scopes = ["accounts.read"],
            TokenId = "jti-1", ExpiresAt = At.AddMinutes(5), Txn = "txn-1", TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
        yield return new TokenExchangedEvent
        {
            EventId = "evt-exchanged", OccurredAt = At, Org = "bank", Subject = Alice, Actors = [PlannerAgent, BankGateway],
            ClientId = "gateway", PartnerOrg = "insurer", GrantType = "urn:ietf:params:oauth:grant-type:token-exchange",
            Audience = "https://auth.insurer.example", Scopes = ["claims.read"], Purpose = "claim-review",
            SubjectTokenId = "jti-1", TokenId = "jti-2", ExpiresAt = At.AddMinutes(2), Txn = "txn-1",
        };
        yield return new TokenDeniedEvent
        {
            EventId = "evt-token-denied", OccurredAt = At, Org = "bank", ClientId = "rogue", GrantType = "client_credentials",
            Scopes = ["admin"], Error = "invalid_scope", Reason = "scope 'admin' is not allowed for client 'rogue'",
        };
        yield return Call("evt-allowed", 0, "insurer", "/insurer.Claims/Get");
        yield return new CallDeniedEvent
        {
            EventId = "evt-call-denied", OccurredAt = At, Org = "bank", Subject = Alice, Actors = [PlannerAgent],
            PartnerOrg = "insurer", Method = "/bank.Accounts/Transfer", Scopes = ["accounts.read"], GrpcStatus = 7,
            Reason = "method requires scope accounts.write", Txn = "txn-1",
        };
        yield return new CallCompletedEvent
        {
            EventId = "evt-completed", OccurredAt = At, Org = "bank", Subject = Alice, Actors = [PlannerAgent, BankGateway],
            ClientId = "gateway", PartnerOrg = "insurer", Method = "/bank.Accounts/GetBalance", Scopes = ["accounts.read"],
            Purpose = "claim-review", GrpcStatus = 0, Latency = TimeSpan.FromMicroseconds(1234),
            RequestDigest = Sha256Hash.Of("request"u8), ResponseDigest = Sha256Hash.Of("response"u8),
            RemovedFields = ["customer.ssn", "customer.birth_date"], Txn = "txn-1", TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
        yield return new ApprovalEvent
        {
            EventId = "evt-approval", OccurredAt = At, Org = "bank", Subject = Alice, ApprovalId = "apr-1", Step = "transfer",
            Approved = false, Reason = "amount above limit \"10k\" — ask finance", Txn = "txn-1",
        };
        yield return new RevocationEvent
        {
            EventId = "evt-revoked", OccurredAt = At, Org = "bank", ClientId = "planner", TokenId = "jti-2",
            TokenDigest = Sha256Hash.Of("opaque-token"u8),
        };
    }

    public static CallAllowedEvent Call(string eventId, int n, string partner, string method) => new()
    {
        EventId = eventId, OccurredAt = At.AddSeconds(n), Org = "bank", Subject = n % 2 == 0 ? Alice : PlannerAgent,
        PartnerOrg = partner, Method = method, Scopes = ["accounts.read"], Txn = $"txn-{n % 5}",
        Reason = "policy accounts-read",
    };
}
