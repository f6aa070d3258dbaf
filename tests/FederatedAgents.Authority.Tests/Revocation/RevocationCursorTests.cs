using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Storage;

namespace FederatedAgents.Authority.Tests.Revocation;

public sealed class RevocationCursorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_FirstFullRead_OpensNoGapsForDeletedRows()
    {
        var cursor = new RevocationCursor();

        cursor.Advance(Page(3, 7, 8), s_now);

        Assert.Equal(8, cursor.After);
        Assert.Empty(cursor.Gaps);
    }

    [Fact]
    public void Advance_ANumberSkippedWhilePolling_IsAskedForUntilItAppears()
    {
        var cursor = new RevocationCursor { TracksGaps = true };
        cursor.Advance(Page(1), s_now);

        cursor.Advance(Page(2, 4, 5), s_now);
        Assert.Equal(5, cursor.After);
        Assert.Equal([3L], cursor.Gaps);

        cursor.Advance(Page(3), s_now.AddSeconds(1));
        Assert.Empty(cursor.Gaps);
        Assert.Equal(5, cursor.After);
    }

    [Fact]
    public void Advance_AGapOlderThanTheTimeout_IsGivenUp()
    {
        var cursor = new RevocationCursor { TracksGaps = true };
        cursor.Advance(Page(1, 3), s_now);

        cursor.Advance([], s_now + RevocationCursor.GapTimeout + TimeSpan.FromSeconds(1));

        Assert.Empty(cursor.Gaps);
    }

    private static RevocationRecord[] Page(params long[] sequences) =>
        [.. sequences.Select(s => new RevocationRecord(s, $"jti-{s}", s_now.AddMinutes(5)))];
}
