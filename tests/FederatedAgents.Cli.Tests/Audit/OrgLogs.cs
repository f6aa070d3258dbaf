using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;
using Microsoft.Data.Sqlite;

namespace FederatedAgents.Cli.Tests.Audit;

/// <summary>
/// Two organizations' SQLite logs and published key files in a temp folder: 20 records each, and in txn "loan-42"
/// the bank calls the bureau (each logs its side, the bureau's receipt is stored beside the bank's record), with
/// checkpoints signed as the logs grow. The CLI is then pointed at these files, as an auditor would.
/// </summary>
internal sealed class OrgLogs : IDisposable
{
    public const string Txn = "loan-42";
    public const string Method = "/bureau.Credit/Score";
    public const int Records = 20;

    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly Dictionary<string, SigningKey> _keys = new() { ["bank"] = SigningKey.Generate(), ["bureau"] = SigningKey.Generate() };

    public string Folder => _folder.Path;

    public string Store(string org) => $"sqlite:{Db(org)}";

    public string Db(string org) => _folder.Combine($"{org}.db");

    public string Keys(string org) => _folder.Combine($"{org}.jwks");

    public static string Origin(string org) => $"{org}.example/audit";

    /// <param name="receiptInTransit">Replaces the bureau's receipt on its way to the bank (a forger in the middle).</param>
    public static async Task<OrgLogs> CreateAsync(Func<OrgLogs, AuditReceipt, AuditReceipt>? receiptInTransit = null)
    {
        var logs = new OrgLogs();
        foreach (var (org, key) in logs._keys)
        {
            await File.WriteAllTextAsync(logs.Keys(org), new JsonWebKeySet([key.PublicKey]).ToJson());
        }

        await using var bank = await AuditLogStores.OpenSqliteAsync(logs.Db("bank"));
        await using var bureau = await AuditLogStores.OpenSqliteAsync(logs.Db("bureau"));
        for (var n = 0; n < Records; n++)
        {
            if (n == 7)
            {
                var inbound = Call("bureau", "bank", n);
                var receipt = logs.ReceiptIssuer("bureau", logs._keys["bureau"]).Issue(inbound, await bureau.AppendAsync(inbound).Bounded());
                var own = await bank.AppendAsync(Call("bank", "bureau", n)).Bounded();
                await bank.Receipts.AddAsync(own.Index, receiptInTransit?.Invoke(logs, receipt) ?? receipt).Bounded();
                continue;
            }

            await bank.AppendAsync(Call("bank", "insurer", n) with { Txn = $"other-{n}" }).Bounded();
            await bureau.AppendAsync(Call("bureau", "insurer", n) with { Txn = $"other-{n}" }).Bounded();
            if (n % 6 == 5)
            {
                await logs.CheckpointAsync(bank, "bank");
                await logs.CheckpointAsync(bureau, "bureau");
            }
        }

        await logs.CheckpointAsync(bank, "bank");
        await logs.CheckpointAsync(bureau, "bureau");
        return logs;
    }

    public AuditReceiptIssuer ReceiptIssuer(string org, SigningKey key) => new(org, Origin(org), key, _time);

    /// <summary>Runs SQL straight on an organization's database, as someone tampering with it would.</summary>
    public async Task TamperAsync(string org, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db(org)};Pooling=False");
        await connection.OpenAsync().Bounded();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync().Bounded();
    }

    public void Dispose() => _folder.Dispose();

    private static CallCompletedEvent Call(string org, string partner, int n) => new()
    {
        EventId = $"evt-{org}-{n}",
        OccurredAt = Start.AddSeconds(n).AddMilliseconds(org == "bank" ? 0 : 5),
        Org = org,
        PartnerOrg = partner,
        Subject = IssuerQualifiedName.Parse("alice@https://auth.bank.example"),
        Actors = [IssuerQualifiedName.Parse("planner@https://auth.bank.example"), IssuerQualifiedName.Parse("gateway@https://auth.bank.example")],
        Method = Method,
        Txn = Txn,
        Scopes = ["credit.read"],
        GrpcStatus = 0,
        Latency = TimeSpan.FromMilliseconds(4),
        RequestDigest = FederatedAgents.Audit.Sha256Hash.Of([(byte)n]),
        ResponseDigest = FederatedAgents.Audit.Sha256Hash.Of([(byte)n, 1]),
    };

    private Task CheckpointAsync(IAuditLogStore log, string org) =>
        new AuditCheckpointer(log, new NoteSigner(Origin(org), _keys[org]), new AuditCheckpointerOptions(), _time).CheckpointNowAsync().Bounded();
}
