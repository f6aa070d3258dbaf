using FederatedAgents.Audit.Storage;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Storage;

public sealed class GroupCommitterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_CommittedButNotFlushed_CompletesOnlyAfterTheFlush()
    {
        var backend = new FlushGatedBackend();
        await using var committer = new GroupCommitter(backend, maxBatchSize: 16);

        var append = committer.AppendAsync([[1], [2]], Ct);
        await backend.FlushStarted.Task.Bounded();
        var completedBeforeFlush = append.IsCompleted;
        backend.ReleaseFlush();
        var results = await append.Bounded();

        Assert.False(completedBeforeFlush);
        Assert.Equal([0L, 1L], results.Select(r => r.Index));
    }

    [Fact]
    public async Task AppendAsync_CommittedWhileAFlushRuns_WaitsForTheNextFlush()
    {
        var backend = new FlushGatedBackend();
        await using var committer = new GroupCommitter(backend, maxBatchSize: 16);
        var first = committer.AppendAsync([[1]], Ct);
        await backend.FlushStarted.Task.Bounded();

        var second = committer.AppendAsync([[2]], Ct);
        backend.ReleaseFlush();
        await first.Bounded();
        await backend.FlushStarted.Task.Bounded();
        var secondCompletedWithTheFirstFlush = second.IsCompleted;
        backend.ReleaseFlush();

        Assert.False(secondCompletedWithTheFirstFlush);
        Assert.Equal(1, (await second.Bounded())[0].Index);
    }

    [Fact]
    public async Task AppendAsync_FlushFails_FailsTheWaitingAppendsAndRefusesLaterOnes()
    {
        var backend = new FlushGatedBackend();
        await using var committer = new GroupCommitter(backend, maxBatchSize: 16);
        var append = committer.AppendAsync([[1]], Ct);
        await backend.FlushStarted.Task.Bounded();

        backend.FailFlush(new IOException("disk gone"));
        var failed = await Assert.ThrowsAsync<IOException>(() => append.Bounded());
        var refused = Assert.Throws<IOException>(() => { _ = committer.AppendAsync([[2]], Ct); });

        Assert.Equal("disk gone", failed.Message);
        Assert.Contains("could not be flushed", refused.Message);
        Assert.Same(failed, refused.InnerException);
    }
}
