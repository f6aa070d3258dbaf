using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Tests.Verification;

/// <summary>The verifier reading the log's own signed checkpoints (at 10, 25 and 40 records) and what tampering they expose.</summary>
public abstract class StoredCheckpointVerifierContract : IAsyncLifetime
{
    private static readonly int[] CheckpointSizes = [10, 25, 40];
    private readonly TestLog _bank = new("bank");
    private readonly List<StoreDatabase> _databases = [];
    private readonly List<IAuditLogStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAuditLogStore Store => _stores[0];

    private StoreDatabase Database => _databases[0];

    public async ValueTask InitializeAsync() => await FillAsync(await OpenAsync(), AuditLogVerifierContract.Events(40));

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task VerifyAsync_WithTheLogsKeys_ChecksEveryStoredCheckpoint()
    {
        var result = await VerifyAsync(Store);

        Assert.True(result.IsValid, result.Damage?.Message);
        Assert.Equal(3, result.CheckpointsVerified);
    }

    [Fact]
    public async Task VerifyAsync_WithoutKeys_LeavesStoredCheckpointsAlone()
    {
        var result = await AuditLogVerifier.VerifyAsync(Store, cancellationToken: Ct).Bounded();

        Assert.True(result.IsValid);
        Assert.Equal(0, result.CheckpointsVerified);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointNoteRootEdited_ReportsAnInvalidCheckpointAfterTheLastGoodOne()
    {
        var note = (await Store.Checkpoints.GetAsync(25, Ct).Bounded())!.ToNote();
        var edited = note.Replace(Convert.ToBase64String(SignedCheckpoint.Parse(note).Head.Root.AsSpan()), Convert.ToBase64String(MerkleHasher.EmptyRoot.AsSpan()));
        await Database.ExecuteAsync($"UPDATE audit_checkpoints SET note = {AuditCheckpointerTests.Sql(edited)} WHERE size = 25");

        var result = await VerifyAsync(Store);

        Assert.Equal((10L, AuditDamage.InvalidCheckpoint), (result.Damage!.FirstBadIndex, result.Damage.Kind));
        Assert.Contains("does not verify", result.Damage.Message);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointSignedByAnotherKey_ReportsAnInvalidCheckpoint()
    {
        var impostor = new NoteSigner(_bank.Origin, SigningKey.Generate());
        var body = (await Store.Checkpoints.GetAsync(40, Ct).Bounded())!.Body;
        var forged = new SignedCheckpoint(body, [impostor.Sign(body.ToNoteText())]);
        await Database.ExecuteAsync($"UPDATE audit_checkpoints SET note = {AuditCheckpointerTests.Sql(forged.ToNote())} WHERE size = 40");

        var result = await VerifyAsync(Store);

        Assert.Equal((25L, AuditDamage.InvalidCheckpoint), (result.Damage!.FirstBadIndex, result.Damage.Kind));
    }

    [Fact]
    public async Task VerifyAsync_LogRewrittenWholesaleUnderItsCheckpoints_NamesTheRangeAfterTheLastMatchingOne()
    {
        var rewritten = await OpenAsync();
        var events = AuditLogVerifierContract.Events(40);
        await rewritten.AppendBatchAsync([.. events.Select((e, i) => i == 17 ? e with { Reason = "nothing to see" } : e)], Ct).Bounded();
        await foreach (var checkpoint in Store.Checkpoints.ReadAllAsync(Ct))
        {
            await rewritten.Checkpoints.AddAsync(checkpoint, Ct).Bounded();
        }

        var alone = await AuditLogVerifier.VerifyAsync(rewritten, cancellationToken: Ct).Bounded();
        var result = await VerifyAsync(rewritten);

        Assert.True(alone.IsValid);
        Assert.Equal((10L, AuditDamage.RootMismatch), (result.Damage!.FirstBadIndex, result.Damage.Kind));
    }

    [Fact]
    public async Task VerifyAsync_LogTruncatedBelowItsLatestCheckpoint_ReportsDeletedRecords()
    {
        var proof = await Store.GetInclusionProofAsync(0, 35, Ct).Bounded();
        var first = await Store.ReadAsync(0, 1, Ct).SingleAsync(Ct).AsTask().Bounded();
        var root = proof.ComputeRoot(first.LeafHash)!.Value;
        await Database.ExecuteAsync(
            $"DELETE FROM audit_records WHERE idx >= 35; DELETE FROM audit_nodes WHERE pos >= {NodeKey.CountFor(35)}; "
            + $"UPDATE audit_head SET size = 35, root = {Database.Bytes(root.AsSpan())}");

        var alone = await AuditLogVerifier.VerifyAsync(Store, cancellationToken: Ct).Bounded();
        var result = await VerifyAsync(Store);

        Assert.True(alone.IsValid, alone.Damage?.Message);
        Assert.Equal((35L, AuditDamage.DeletedRecord), (result.Damage!.FirstBadIndex, result.Damage.Kind));
        Assert.Contains("the log was truncated", result.Damage.Message);
    }

    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    private Task<AuditVerificationResult> VerifyAsync(IAuditLogStore store) =>
        AuditLogVerifier.VerifyAsync(store, new AuditVerificationOptions { Checkpoints = _bank.Verifier, PageSize = 8 }, Ct).Bounded();

    private async Task<IAuditLogStore> OpenAsync()
    {
        var database = await CreateDatabaseAsync();
        _databases.Add(database);
        var store = await database.OpenAsync();
        _stores.Add(store);
        return store;
    }

    private async Task FillAsync(IAuditLogStore store, List<AuditEvent> events)
    {
        var checkpointer = new AuditCheckpointer(store, _bank.Signer, new AuditCheckpointerOptions(), new FakeTimeProvider());
        var size = 0;
        foreach (var checkpointSize in CheckpointSizes)
        {
            await store.AppendBatchAsync(events[size..checkpointSize], Ct).Bounded();
            await checkpointer.CheckpointNowAsync(Ct).Bounded();
            size = checkpointSize;
        }
    }
}

public sealed class SqliteStoredCheckpointVerifierTests : StoredCheckpointVerifierContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());
}

public sealed class PostgresStoredCheckpointVerifierTests : StoredCheckpointVerifierContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();
}
