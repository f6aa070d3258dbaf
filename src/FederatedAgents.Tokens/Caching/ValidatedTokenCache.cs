using System.Collections.Concurrent;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Caching;

/// <summary>
/// Successful validations keyed by token hash, each kept until the token's <c>exp</c>. Bounded:
/// when full, expired entries go first, then those closest to expiry, down to 90% of capacity.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly Lock _eviction = new();
    private readonly TimeProvider _time;
    private int _count;

    public ValidatedTokenCache(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = time;
    }

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    public TokenValidationResult? TryGet(TokenHash key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (_time.GetUtcNow().UtcTicks < entry.ExpiresAtTicks)
        {
            return entry.Result;
        }

        Remove(key, entry);
        return null;
    }

    /// <summary>Keeps <paramref name="result"/> until <paramref name="expiresAt"/>; ignored when that is not in the future.</summary>
    public void Add(TokenHash key, TokenValidationResult result, DateTimeOffset expiresAt)
    {
        if (expiresAt <= _time.GetUtcNow())
        {
            return;
        }

        if (Count >= Capacity)
        {
            Evict();
        }

        if (_entries.TryAdd(key, new Entry(result, expiresAt.UtcTicks)))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private void Evict()
    {
        lock (_eviction)
        {
            if (Count < Capacity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcTicks;
            var target = Capacity - Math.Max(1, Capacity / 10);
            var byExpiry = _entries.ToArray().OrderBy(e => e.Value.ExpiresAtTicks).ToList();
            foreach (var (key, entry) in byExpiry)
            {
                if (entry.ExpiresAtTicks > now && Count <= target)
                {
                    break;
                }

                Remove(key, entry);
            }
        }
    }

    private void Remove(TokenHash key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TokenHash, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed record Entry(TokenValidationResult Result, long ExpiresAtTicks);
}
