using System.Collections.Concurrent;
using FederatedAgents.Authority.Client;
using System.Security.Cryptography;
using System.Text;

namespace FederatedAgents.Gateway.Outbound;

/// <summary>
/// Partner access tokens per (subject token, partner), kept until shortly before they expire (a tenth of their
/// lifetime, at least 5 s, at most 60 s; never past the subject token's own expiry). Concurrent callers for the same
/// key share one exchange in flight (single flight, no thundering herd); a failed exchange is shared by those
/// waiting for it and tried afresh by the next caller.
/// </summary>
internal sealed class PartnerTokenCache(TimeProvider time, int capacity = PartnerTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string SubjectHash, string Partner), Entry> _entries = new();

    public int Count => _entries.Count;

    /// <param name="subjectExpiresAt">When the caller's token expires; the partner token is not reused past it.</param>
    /// <param name="exchange">The exchange to run on a miss; it runs once per key however many callers wait.</param>
    public async Task<TokenResult> GetAsync(string subjectToken, DateTimeOffset? subjectExpiresAt, string partner, Func<Task<TokenResult>> exchange)
    {
        var key = (Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(subjectToken))), partner);
        while (true)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(key, out var current) && current.IsUsable(now))
            {
                return await current.Token;
            }

            var fresh = new Entry();
            var installed = current is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, current);
            if (!installed)
            {
                continue;
            }

            Prune(now);
            return await fresh.RunAsync(exchange, now, subjectExpiresAt);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count <= capacity)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (!entry.IsUsable(now))
            {
                _entries.TryRemove(new(key, entry));
            }
        }
    }

    private sealed class Entry
    {
        private readonly TaskCompletionSource<TokenResult> _token = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _refreshAtTicks = long.MaxValue;

        public Task<TokenResult> Token => _token.Task;

        /// <summary>In flight, or done and not yet due for refresh; a failed one is not.</summary>
        public bool IsUsable(DateTimeOffset now) =>
            !Token.IsCompleted || (Token.IsCompletedSuccessfully && now.UtcTicks < Volatile.Read(ref _refreshAtTicks));

        public async Task<TokenResult> RunAsync(Func<Task<TokenResult>> exchange, DateTimeOffset now, DateTimeOffset? subjectExpiresAt)
        {
            try
            {
                var result = await exchange();
                var margin = TimeSpan.FromTicks(Math.Clamp(result.ExpiresIn.Ticks / 10, TimeSpan.TicksPerSecond * 5, TimeSpan.TicksPerSecond * 60));
                var refreshAt = now + result.ExpiresIn - margin;
                Volatile.Write(ref _refreshAtTicks, (subjectExpiresAt is { } end && end < refreshAt ? end : refreshAt).UtcTicks);
                _token.SetResult(result);
            }
            catch (Exception ex)
            {
                _token.SetException(ex);
            }

            return await Token;
        }
    }
}
