using System.Collections.Concurrent;

namespace FederatedAgents.Gateway.Limits;

/// <summary>
/// The counters by scope, kept across configuration reloads: calls started under the previous snapshot
/// still count against the limit the next snapshot sets for the same agent or method.
/// </summary>
internal sealed class ConcurrencyCounters
{
    private readonly ConcurrentDictionary<string, ConcurrencyCounter> _counters = new(StringComparer.Ordinal);

    public ConcurrencyLimit Limit(string scope, int limit) =>
        new(_counters.GetOrAdd(scope, static _ => new ConcurrencyCounter()), limit, scope);
}
