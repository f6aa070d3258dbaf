using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Checkpoints;

public sealed class AuditCheckpointerTests : StoreTest
{
    private static readonly AuditCheckpointerOptions Cadence = new()
    {
        MaxRecords = 5, MaxDelay = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100),
    };

    private readonly FakeTimeProvider _time = new();
    private readonly TestLog _bank = new("bank");

    [Fact]
    public async Task CheckpointIfDueAsync_FewerThanMaxRecordsBeforeTheDelay_SignsOnlyOnceTheDelayPassed()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(3);

        var early = await checkpointer.CheckpointIfDueAsync(Ct).Bounded();
        _time.Advance(Cadence.MaxDelay);
        var late = await checkpointer.CheckpointIfDueAsync(Ct).Bounded();

        Assert.Null(early);
        Assert.Equal(3, late!.Head.Size);
        Assert.Null(_bank.Verifier.Check(late));
    }

    [Fact]
    public async Task CheckpointIfDueAsync_MaxRecordsAppended_SignsWithoutWaitingAndStoresIt()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(5);

        var signed = await checkpointer.CheckpointIfDueAsync(Ct).Bounded();

        Assert.Equal(await Store.GetTreeHeadAsync(Ct).Bounded(), signed!.Head);
        Assert.Equal(signed.ToNote(), (await Store.Checkpoints.GetLatestAsync(Ct).Bounded())!.ToNote());
    }

    [Fact]
    public async Task CheckpointIfDueAsync_NothingAppendedSinceTheLastCheckpoint_SignsNothingEvenAfterTheDelay()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(5);
        await checkpointer.CheckpointIfDueAsync(Ct).Bounded();

        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await checkpointer.CheckpointIfDueAsync(Ct).Bounded();

        Assert.Null(again);
        Assert.Single(await Store.Checkpoints.ReadAllAsync(Ct).ToListAsync(Ct).AsTask().Bounded());
    }

    [Fact]
    public async Task RunAsync_RecordsThenTheDelayPasses_SignsAtTheNextPoll()
    {
        var checkpoint = await RunUntilSignedAsync(async _ =>
        {
            await AppendAsync(2);
            _time.Advance(Cadence.MaxDelay);
        });

        Assert.Equal(2, checkpoint.Head.Size);
    }

    [Fact]
    public async Task RunAsync_NudgedAfterMaxRecords_SignsWithoutTheClockMoving()
    {
        var checkpoint = await RunUntilSignedAsync(async checkpointer =>
        {
            await AppendAsync(6);
            checkpointer.Nudge(6);
        });

        Assert.Equal(6, checkpoint.Head.Size);
    }

    [Fact]
    public async Task IsCheckDue_NudgedForFewerThanMaxRecordsBeforeTheDelay_IsNotWorthReadingTheLog()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(2);
        await checkpointer.CheckpointIfDueAsync(Ct).Bounded();
        checkpointer.Nudge();
        checkpointer.Nudge();

        Assert.False(checkpointer.IsCheckDue());
    }

    [Fact]
    public async Task IsCheckDue_NudgesReachMaxRecordsWithThoseUncoveredAtTheLastCheck_IsDue()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(3);
        await checkpointer.CheckpointIfDueAsync(Ct).Bounded();
        checkpointer.Nudge();
        var belowBound = checkpointer.IsCheckDue();
        checkpointer.Nudge();

        Assert.False(belowBound);
        Assert.True(checkpointer.IsCheckDue());
    }

    [Fact]
    public void IsCheckDue_DelayPassedSinceTheLastSignature_IsDue()
    {
        var checkpointer = Checkpointer();
        checkpointer.Nudge();
        var early = checkpointer.IsCheckDue();
        _time.Advance(Cadence.MaxDelay);

        Assert.False(early);
        Assert.True(checkpointer.IsCheckDue());
    }

    [Fact]
    public async Task CheckpointNowAsync_LatestCheckpointSignedForAnotherTree_RefusesToSignAndStoresNothing()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(10);
        await checkpointer.CheckpointNowAsync(Ct).Bounded();
        var forkedRoot = _bank.Sign(new TreeHead(10, MerkleHasher.HashLeaf("another tree"u8)));
        await Database.ExecuteAsync($"UPDATE audit_checkpoints SET note = {Sql(forkedRoot.ToNote())} WHERE size = 10");
        await AppendAsync(3);

        var error = await Assert.ThrowsAsync<AuditLogDamagedException>(() => checkpointer.CheckpointNowAsync(Ct).Bounded());

        Assert.Contains("does not extend the checkpoint signed at 10", error.Message);
        Assert.Null(await Store.Checkpoints.GetAsync(13, Ct).Bounded());
    }

    [Fact]
    public async Task CheckpointNowAsync_LatestCheckpointForgedWithAnotherKey_Refuses()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(4);
        var forged = new NoteSigner(_bank.Origin, SigningKey.Generate());
        var body = new CheckpointBody(_bank.Origin, await Store.GetTreeHeadAsync(Ct).Bounded());
        await Store.Checkpoints.AddAsync(new SignedCheckpoint(body, [forged.Sign(body.ToNoteText())]), Ct).Bounded();
        await AppendAsync(1);

        var error = await Assert.ThrowsAsync<AuditLogDamagedException>(() => checkpointer.CheckpointNowAsync(Ct).Bounded());

        Assert.Contains("not one this log signed", error.Message);
    }

    [Fact]
    public async Task CheckpointNowAsync_HeadRewrittenAtTheCheckpointedSize_Refuses()
    {
        var checkpointer = Checkpointer();
        await AppendAsync(4);
        await checkpointer.CheckpointNowAsync(Ct).Bounded();
        await Database.ExecuteAsync("UPDATE audit_head SET root = (SELECT hash FROM audit_nodes WHERE pos = 0)");

        var error = await Assert.ThrowsAsync<AuditLogDamagedException>(() => checkpointer.CheckpointNowAsync(Ct).Bounded());

        Assert.Contains("records were removed or rewritten", error.Message);
    }

    [Fact]
    public async Task CheckpointNowAsync_SignedWithARotatedKey_AcceptsTheEarlierKeysCheckpoint()
    {
        await AppendAsync(4);
        await Checkpointer().CheckpointNowAsync(Ct).Bounded();
        await AppendAsync(2);
        var rotated = new AuditCheckpointer(
            Store, new NoteSigner(_bank.Origin, SigningKey.Generate()), Cadence with { EarlierKeys = _bank.Keys }, _time);

        var signed = await rotated.CheckpointNowAsync(Ct).Bounded();

        Assert.Equal(6, signed!.Head.Size);
    }

    [Fact]
    public async Task CheckpointNowAsync_TwoReplicasOnOneDatabase_StoreOneCheckpointPerSize()
    {
        await using var replica = await Database.OpenAsync();
        await AppendAsync(7);

        var first = await Checkpointer().CheckpointNowAsync(Ct).Bounded();
        var second = await new AuditCheckpointer(replica, _bank.Signer, Cadence, _time).CheckpointNowAsync(Ct).Bounded();

        Assert.Equal(first!.ToNote(), second!.ToNote());
        Assert.Single(await Store.Checkpoints.ReadAllAsync(Ct).ToListAsync(Ct).AsTask().Bounded());
    }

    [Fact]
    public void Constructor_NonPositiveMaxRecords_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditCheckpointer(Store, _bank.Signer, Cadence with { MaxRecords = 0 }, _time));

        Assert.Contains(nameof(AuditCheckpointerOptions.MaxRecords), error.Message);
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());

    protected override Task SeedAsync() => Task.CompletedTask;

    internal static string Sql(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private AuditCheckpointer Checkpointer() => new(Store, _bank.Signer, Cadence, _time);

    /// <summary>Runs a checkpointer as a host would, does <paramref name="act"/>, and returns the first checkpoint it signs.</summary>
    private async Task<SignedCheckpoint> RunUntilSignedAsync(Func<AuditCheckpointer, Task> act)
    {
        var checkpointer = Checkpointer();
        var signed = new TaskCompletionSource<SignedCheckpoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        checkpointer.CheckpointSigned += checkpoint => signed.TrySetResult(checkpoint);
        using var stop = new CancellationTokenSource();
        var running = checkpointer.RunAsync(stop.Token);
        await act(checkpointer);
        var checkpoint = await signed.Task.Bounded();
        await stop.CancelAsync();
        await running.Bounded();
        return checkpoint;
    }

    private async Task AppendAsync(int count)
    {
        var size = (await Store.GetTreeHeadAsync(Ct).Bounded()).Size;
        var events = AuditLogVerifierContract.Events((int)size + count).Skip((int)size).ToList();
        await Store.AppendBatchAsync(events, Ct).Bounded();
    }
}
