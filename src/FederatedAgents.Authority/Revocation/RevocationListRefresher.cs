using FederatedAgents.Authority.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Revocation;

/// <summary>
/// Keeps <see cref="RevocationList"/> in step with the store: a full read while the host starts (so the
/// list is complete before any request is served), then one poll per interval for revocations since the
/// cursor. Expired entries are dropped; every ten minutes expired rows are purged from the store.
/// A failed poll is logged and retried on the next tick.
/// </summary>
internal sealed partial class RevocationListRefresher : BackgroundService
{
    private const int PageSize = 1000;
    private static readonly TimeSpan s_purgeInterval = TimeSpan.FromMinutes(10);

    private readonly IServiceProvider _services;
    private readonly RevocationList _list;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RevocationCursor _cursor = new();
    private DateTimeOffset _lastPurge;

    private IAuthorityStore? _store;

    /// <remarks>
    /// The host builds hosted services before it runs the startup check of the configuration, so the store
    /// (which needs a valid <c>Storage</c> section) is resolved when starting, not here.
    /// </remarks>
    public RevocationListRefresher(IServiceProvider services, RevocationList list, RevocationListSettings settings, TimeProvider time, ILogger<RevocationListRefresher> logger)
    {
        _services = services;
        _list = list;
        _interval = settings.PollInterval;
        _time = time;
        _logger = logger;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _store = _services.GetRequiredService<IAuthorityStore>();
        _lastPurge = _time.GetUtcNow();
        await PollAsync(cancellationToken);
        _cursor.TracksGaps = true;
        Log.Loaded(_logger, _list.Count, _cursor.After);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollAsync(stoppingToken);
                await PurgeWhenDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PollFailed(_logger, e);
            }
        }
    }

    /// <summary>Reads pages until one comes back short.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RevocationRecord> page;
        do
        {
            page = await _store!.ReadRevocationsAsync(_cursor.After, _cursor.Gaps, PageSize, cancellationToken);
            foreach (var record in page)
            {
                _list.Add(record.Id, record.ExpiresAt);
            }

            _cursor.Advance(page, _time.GetUtcNow());
        }
        while (page.Count == PageSize);
    }

    private async Task PurgeWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - _lastPurge < s_purgeInterval)
        {
            return;
        }

        _lastPurge = now;
        _list.RemoveExpired(now);
        Log.Purged(_logger, await _store!.PurgeExpiredAsync(cancellationToken));
    }
}

/// <summary>How often the revocation list polls the store.</summary>
internal sealed record RevocationListSettings(TimeSpan PollInterval);
