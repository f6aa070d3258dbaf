using System.Runtime.CompilerServices;
using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Keys;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Cli.Demo;

/// <summary>One demo organization's audit log as an auditor reads it: its SQLite store and the audit keys it publishes.</summary>
internal sealed class DemoAuditLog : IAsyncDisposable
{
    private DemoAuditLog(DemoOrganization org, IAuditLogStore store, JsonWebKeySet publicKeys)
    {
        Org = org;
        Store = store;
        PublicKeys = publicKeys;
    }

    public DemoOrganization Org { get; }

    public IAuditLogStore Store { get; }

    /// <summary>The organization's published audit keys (<c>audit-keys.jwks</c> beside its development audit key).</summary>
    public JsonWebKeySet PublicKeys { get; }

    /// <summary>The log's origin, the first line of its checkpoints and the name of its receipts' log.</summary>
    public string Origin => $"{Org.Name}/audit";

    public static async Task<DemoAuditLog> OpenAsync(DemoOrganization org, CancellationToken cancellationToken)
    {
        var keys = JsonWebKeySet.Parse(await File.ReadAllTextAsync(Path.Combine(org.DataDirectory, AuditKeys.PublicKeysFileName), cancellationToken));
        return new DemoAuditLog(org, await AuditLogStores.OpenSqliteAsync(Path.Combine(org.DataDirectory, DemoNetwork.GatewayAuditLogFile), cancellationToken: cancellationToken), keys);
    }

    /// <summary>Recomputes the tree and checks every stored checkpoint's signature and root; verified when the latest checkpoint covers every record.</summary>
    public async Task<(bool Verified, string Text)> VerifyAsync(CancellationToken cancellationToken)
    {
        var result = await AuditLogVerifier.VerifyAsync(Store, new AuditVerificationOptions { Checkpoints = new CheckpointVerifier(Origin, PublicKeys) }, cancellationToken);
        if (result.Damage is { } damage)
        {
            return (false, $"FAILED at record #{damage.FirstBadIndex} ({damage.Kind}): {damage.Message}");
        }

        var latest = await Store.Checkpoints.GetLatestAsync(cancellationToken);
        var text = $"log {Origin}, {result.RecordsChecked} records verified, root {result.StoredHead.Root}; {result.CheckpointsVerified} signed checkpoints verified, "
            + (latest is null ? "none signed" : $"the latest at size {latest.Head.Size}");
        return (result.CheckpointsVerified > 0 && latest?.Head == result.StoredHead, text);
    }

    /// <summary>Every record, in index order.</summary>
    public async IAsyncEnumerable<DemoAuditRecord> RecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = await Store.GetTreeHeadAsync(cancellationToken);
        await foreach (var record in Store.ReadAsync(0, head.Size, cancellationToken))
        {
            yield return new DemoAuditRecord(record.Index, record.ToEvent());
        }
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

/// <summary>A record of a demo organization's log: its leaf index and event.</summary>
internal sealed record DemoAuditRecord(long Index, AuditEvent Event);
