using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ServingStatus = FederatedAgents.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace FederatedAgents.Grpc.AspNetCore.Health;

/// <summary>
/// The serving status the <c>grpc.health.v1.Health</c> service reports, per service name (<c>""</c> is
/// the whole server, SERVING from the start). Thread-safe; every change reaches open Watch streams.
/// </summary>
public sealed partial class HealthStatusRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    internal HealthStatusRegistry(ILogger<HealthStatusRegistry> logger) => _logger = logger;

    /// <summary>Sets a service's status (SERVING, NOT_SERVING or UNKNOWN); Check then finds it and Watch streams it.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status == ServingStatus.ServiceUnknown)
        {
            throw new ArgumentException("SERVICE_UNKNOWN is what Watch reports for a service with no status; call ClearStatus instead.", nameof(status));
        }

        Publish(service, status);
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND and Watch streams SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Publish(service, null);
    }

    /// <summary>The service's status, or null when none was set.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>A stream of the service's status: the current one first, then each change (intermediate ones may be skipped).</summary>
    internal HealthWatch Watch(string service)
    {
        var channel = Channel.CreateBounded<ServingStatus>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(service, out var watchers))
            {
                _watchers[service] = watchers = [];
            }

            watchers.Add(channel);
        }

        return new HealthWatch(channel.Reader, () => Unwatch(service, channel));
    }

    private void Publish(string service, ServingStatus? status)
    {
        lock (_lock)
        {
            if (status is { } value)
            {
                _statuses[service] = value;
            }
            else
            {
                _statuses.Remove(service);
            }

            if (_watchers.TryGetValue(service, out var watchers))
            {
                foreach (var watcher in watchers)
                {
                    watcher.Writer.TryWrite(status ?? ServingStatus.ServiceUnknown);
                }
            }
        }

        Log.StatusChanged(_logger, service, status ?? ServingStatus.ServiceUnknown);
    }

    private void Unwatch(string service, Channel<ServingStatus> channel)
    {
        lock (_lock)
        {
            if (_watchers.TryGetValue(service, out var watchers) && watchers.Remove(channel) && watchers.Count == 0)
            {
                _watchers.Remove(service);
            }
        }
    }
}
