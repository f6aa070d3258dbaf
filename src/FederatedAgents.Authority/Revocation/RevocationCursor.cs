using FederatedAgents.Authority.Storage;

namespace FederatedAgents.Authority.Revocation;

/// <summary>
/// Where a poller is in the store's revocation sequence. Sequence numbers are handed out when a
/// transaction starts but become visible when it commits, so a number may appear after a higher one:
/// numbers skipped over are kept as gaps and asked for again on each poll until they appear or are
/// older than <see cref="GapTimeout"/> (a rolled-back insert leaves a gap forever).
/// </summary>
internal sealed class RevocationCursor
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(10);

    private const int MaxGaps = 256;

    private readonly Dictionary<long, DateTimeOffset> _gaps = [];

    /// <summary>The highest sequence number seen.</summary>
    public long After { get; private set; }

    public IReadOnlyCollection<long> Gaps => _gaps.Keys;

    /// <summary>False during the first full read, whose holes are deletions of expired revocations, not commits still to come.</summary>
    public bool TracksGaps { get; set; }

    /// <summary>Takes in one page read with <see cref="After"/> and <see cref="Gaps"/>.</summary>
    public void Advance(IReadOnlyList<RevocationRecord> page, DateTimeOffset now)
    {
        foreach (var record in page)
        {
            _gaps.Remove(record.Sequence);
            if (record.Sequence <= After)
            {
                continue;
            }

            for (var skipped = After + 1; TracksGaps && skipped < record.Sequence && _gaps.Count < MaxGaps; skipped++)
            {
                _gaps[skipped] = now;
            }

            After = record.Sequence;
        }

        foreach (var (sequence, since) in _gaps)
        {
            if (now - since > GapTimeout)
            {
                _gaps.Remove(sequence);
            }
        }
    }
}
