using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Keys;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Authority.Storage;
using FederatedAgents.Gateway.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Auditing;

/// <summary>
/// The organization's audit log as the gateway (and an authority in the same process) writes to it: opened when the
/// host starts — the PostgreSQL store when the organization uses one, else <c>audit.db</c> in its data directory —
/// with the audit key that signs receipts and checkpoints (<c>Gateway:Security:Audit:KeyFile</c>, or the development
/// key). Signs a checkpoint of the log at least every second while records arrive, and one covering every record when
/// the host stops. Its origin is <c>&lt;org&gt;/audit</c>.
/// </summary>
internal sealed class GatewayAuditLog(OrganizationStore organization, GatewaySnapshotProvider snapshots, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    public const string SqliteFileName = "audit.db";

    private readonly TaskCompletionSource<(IAuditLogStore Store, AuditReceiptIssuer Receipts)> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Org => organization.Name;

    /// <summary>The open store and receipt issuer; waits for the host to have opened them.</summary>
    public Task<(IAuditLogStore Store, AuditReceiptIssuer Receipts)> OpenedAsync => _opened.Task;

    /// <summary>Signs checkpoints; set once the log is open.</summary>
    public AuditCheckpointer? Checkpointer { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var audit = snapshots.Current.Config.Security!.Audit;
        try
        {
            var key = audit.KeyFile is { } file ? AuditKeys.FromPemFile(file) : AuditKeys.LoadOrCreateDevelopmentKey(organization.DataDirectory);
            var store = organization.PostgresConnectionString is { } postgres
                ? await AuditLogStores.OpenPostgresAsync(postgres, cancellationToken: cancellationToken)
                : await AuditLogStores.OpenSqliteAsync(Path.Combine(Directory.CreateDirectory(organization.DataDirectory).FullName, SqliteFileName), cancellationToken: cancellationToken);
            var origin = $"{Org}/audit";
            _opened.SetResult((store, new AuditReceiptIssuer(Org, origin, key, time)));
            Checkpointer = new AuditCheckpointer(store, new NoteSigner(origin, key), new AuditCheckpointerOptions(), time, loggers.CreateLogger<AuditCheckpointer>());
        }
        catch (Exception ex)
        {
            _opened.TrySetException(ex);
            throw;
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_opened.Task.IsCompletedSuccessfully)
        {
            try
            {
                await Checkpointer!.CheckpointNowAsync(cancellationToken);
            }
            finally
            {
                await (await _opened.Task).Store.DisposeAsync();
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Checkpointer!.RunAsync(stoppingToken);
}
