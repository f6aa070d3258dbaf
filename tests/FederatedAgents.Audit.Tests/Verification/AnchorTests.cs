using FederatedAgents.Audit.Events;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Verification;

/// <summary>
/// A log rewritten wholesale (records, subtree hashes and head all recomputed) is self-consistent;
/// only a head trusted from outside — a checkpoint a partner holds — exposes it.
/// </summary>
public sealed class AnchorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_RewrittenLogAgainstOriginalCheckpoints_NamesTheRangeAfterTheLastGoodCheckpoint()
    {
        var events = AuditLogVerifierContract.Events(40);
        var rewritten = events.Select((e, i) => i == 7 ? e with { Reason = "nothing to see" } : e).ToList();
        var checkpoints = await HeadsAsync(events, 5, 20, 40);

        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        await store.AppendBatchAsync(rewritten, Ct).Bounded();
        var alone = await AuditLogVerifier.VerifyAsync(store, cancellationToken: Ct).Bounded();
        var anchored = await AuditLogVerifier.VerifyAsync(
            store, new AuditVerificationOptions { Anchors = AuditLogVerifierContract.Anchors([.. checkpoints]) }, Ct).Bounded();

        Assert.True(alone.IsValid);
        Assert.Equal((5L, AuditDamage.RootMismatch), (anchored.Damage!.FirstBadIndex, anchored.Damage.Kind));
        Assert.StartsWith("checkpoint at 20 commits to root", anchored.Damage.Message);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointsOfTheSameLog_AllAgree()
    {
        var events = AuditLogVerifierContract.Events(40);
        var checkpoints = await HeadsAsync(events, 0, 1, 5, 5, 32, 40);

        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        await store.AppendBatchAsync(events, Ct).Bounded();
        var result = await AuditLogVerifier.VerifyAsync(
            store, new AuditVerificationOptions { Anchors = AuditLogVerifierContract.Anchors([.. checkpoints]) }, Ct).Bounded();

        Assert.True(result.IsValid, result.Damage?.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VerifyAsync_EmptyLogWithAnAnchorAtSizeZero_ChecksTheEmptyRoot(bool anchorHasEmptyRoot)
    {
        var anchor = new TreeAnchor(new TreeHead(0, anchorHasEmptyRoot ? MerkleHasher.EmptyRoot : MerkleHasher.HashLeaf("x"u8)), "checkpoint 0");

        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        var result = await AuditLogVerifier.VerifyAsync(
            store, new AuditVerificationOptions { Anchors = AuditLogVerifierContract.Anchors(anchor) }, Ct).Bounded();

        Assert.Equal(anchorHasEmptyRoot, result.IsValid);
        Assert.Equal(0, result.RecordsChecked);
    }

    [Fact]
    public async Task VerifyAsync_AnchorsOutOfOrder_ThrowsSayingTheyMustAscend()
    {
        var events = AuditLogVerifierContract.Events(10);
        var checkpoints = await HeadsAsync(events, 8, 3);

        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        await store.AppendBatchAsync(events, Ct).Bounded();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AuditLogVerifier.VerifyAsync(
            store, new AuditVerificationOptions { Anchors = AuditLogVerifierContract.Anchors([.. checkpoints]) }, Ct).Bounded());

        Assert.Contains("ascending", error.Message);
    }

    private static async Task<List<TreeAnchor>> HeadsAsync(List<AuditEvent> events, params int[] sizes)
    {
        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        await store.AppendBatchAsync(events, Ct).Bounded();
        var root = (await store.GetTreeHeadAsync(Ct).Bounded()).Root;
        var anchors = new List<TreeAnchor>();
        foreach (var size in sizes)
        {
            var proof = await store.GetConsistencyProofAsync(size, events.Count, Ct).Bounded();
            anchors.Add(new TreeAnchor(new TreeHead(size, await RootAtAsync(store, size)), $"checkpoint at {size}"));
            Assert.True(proof.Verify(anchors[^1].Head.Root, root));
        }

        return anchors;
    }

    private static async Task<Sha256Hash> RootAtAsync(IAuditLogStore store, int size)
    {
        var tree = Merkle.TestTree.FromLeafData(
            (await store.ReadAsync(0, size, Ct).ToListAsync(Ct).AsTask().Bounded()).Select(r => r.LeafData));
        return tree.ReferenceRoot(size);
    }
}
