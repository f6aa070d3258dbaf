using FederatedAgents.Gateway.Forwarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// Serves the current <see cref="GatewaySnapshot"/> and replaces it whenever the configuration reloads (the JSON
/// file changed, or a provider signalled). The first read must pass or construction throws
/// <see cref="GatewayConfigurationException"/>; a reload that fails is logged and the previous snapshot stays.
/// Calls in flight keep their snapshot; clusters it no longer needs close after their last call.
/// </summary>
internal sealed partial class GatewaySnapshotProvider : IAsyncDisposable
{
    private readonly GatewaySnapshotBuilder _builder;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private readonly IDisposable _subscription;
    private GatewaySnapshot _current;
    private CancellationTokenSource _changed = new();

    public GatewaySnapshotProvider(IConfiguration configuration, GatewaySnapshotBuilder builder, ILogger<GatewaySnapshotProvider> logger)
    {
        _builder = builder;
        _logger = logger;
        var (snapshot, errors, created) = builder.Build(version: 1, previous: null);
        _current = snapshot ?? throw new GatewayConfigurationException(errors);
        StartAll(created);
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public GatewaySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Fires once when the next snapshot is installed; ask again for the one after.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        foreach (var cluster in Current.Clusters.Values)
        {
            await cluster.DisposeAsync();
        }

        _changed.Dispose();
    }

    private void Reload()
    {
        try
        {
            Install();
        }
        catch (Exception ex)
        {
            // Raised on a file-watcher thread: never let it take the process down.
            Log.ReloadFailed(_logger, ex);
        }
    }

    private void Install()
    {
        CancellationTokenSource changed;
        lock (_reloadLock)
        {
            var previous = Current;
            var (snapshot, errors, created) = _builder.Build(previous.Version + 1, previous);
            if (snapshot is null)
            {
                Log.ReloadRejected(_logger, errors.Count, string.Join(Environment.NewLine, errors));
                return;
            }

            if (snapshot.Config.Listeners != previous.Config.Listeners)
            {
                Log.ListenersNeedRestart(_logger);
            }

            Volatile.Write(ref _current, snapshot);
            StartAll(created);
            foreach (var (name, cluster) in previous.Clusters)
            {
                if (snapshot.Clusters.GetValueOrDefault(name) != cluster)
                {
                    cluster.Retire();
                }
            }

            Log.Reloaded(_logger, snapshot.Version, snapshot.Config.Agents.Count, snapshot.Config.Partners.Count);
            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        // Not disposed: a consumer may still register on its (cancelled) token.
        changed.Cancel();
    }

    private static void StartAll(IReadOnlyList<AgentCluster> clusters)
    {
        foreach (var cluster in clusters)
        {
            cluster.Start();
        }
    }
}
