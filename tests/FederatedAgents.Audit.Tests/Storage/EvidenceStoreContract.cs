using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Receipts;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Storage;

/// <summary>The evidence tables (checkpoints, cosignatures, witnessed checkpoints, receipts) on a real database of each kind.</summary>
public abstract class EvidenceStoreContract : StoreTest
{
    private readonly TestLog _bank = new("bank");
    private readonly TestLog _bureau = new("bureau");

    [Fact]
    public async Task AddAsync_Checkpoints_AreReadBackLatestFirstOrAllAscending()
    {
        var heads = new[] { 3L, 12, 7 }.Select(size => Head(size)).ToList();
        foreach (var head in heads)
        {
            await Store.Checkpoints.AddAsync(_bank.Sign(await head), Ct).Bounded();
        }

        var latest = await Store.Checkpoints.GetLatestAsync(Ct).Bounded();
        var all = await Store.Checkpoints.ReadAllAsync(Ct).ToListAsync(Ct).AsTask().Bounded();

        Assert.Equal(12, latest!.Head.Size);
        Assert.Equal([3L, 7, 12], all.Select(c => c.Head.Size));
        Assert.All(all, c => Assert.Null(_bank.Verifier.Check(c)));
    }

    [Fact]
    public async Task AddAsync_SameSizeFromAnotherReplica_KeepsTheFirstAndReturnsIt()
    {
        await using var replica = await Database.OpenAsync();
        var head = await Head(12);
        var first = await Store.Checkpoints.AddAsync(_bank.Sign(head), Ct).Bounded();

        var second = await replica.Checkpoints.AddAsync(_bank.Sign(head), Ct).Bounded();

        Assert.Equal(first.ToNote(), second.ToNote());
    }

    [Fact]
    public async Task AddAsync_SameSizeWithAnotherRoot_ThrowsAndKeepsTheFirst()
    {
        var head = await Head(12);
        await Store.Checkpoints.AddAsync(_bank.Sign(head), Ct).Bounded();

        var error = await Assert.ThrowsAsync<AuditLogDamagedException>(
            () => Store.Checkpoints.AddAsync(_bank.Sign(head with { Root = MerkleHasher.EmptyRoot }), Ct).Bounded());

        Assert.Contains("split view or tampering", error.Message);
        Assert.Equal(head, (await Store.Checkpoints.GetAsync(12, Ct).Bounded())!.Head);
    }

    [Fact]
    public async Task AddCosignatureAsync_WitnessLine_IsReturnedWithTheCheckpointOnce()
    {
        var checkpoint = await Store.Checkpoints.AddAsync(_bank.Sign(await Head(12)), Ct).Bounded();
        var cosignature = _bureau.Signer.Sign(checkpoint.Body.ToNoteText());

        await Store.Checkpoints.AddCosignatureAsync(12, cosignature, Ct).Bounded();
        await Store.Checkpoints.AddCosignatureAsync(12, cosignature, Ct).Bounded();
        var stored = await Store.Checkpoints.GetAsync(12, Ct).Bounded();

        Assert.Equal([_bank.Origin, _bureau.Origin], stored!.Signatures.Select(s => s.KeyName));
        Assert.Null(CheckpointVerifier.CheckSignedBy(stored, [_bureau.Signer.PublicKey], "the bureau"));
    }

    [Fact]
    public async Task AddCosignatureAsync_NoCheckpointOfThatSize_Throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.Checkpoints.AddCosignatureAsync(5, _bureau.Signer.Sign("x\n"), Ct).Bounded());

        Assert.Contains("No checkpoint for 5 records", error.Message);
    }

    [Fact]
    public async Task AddWitnessedAsync_PartnerCheckpoints_LatestPerOriginIsReturned()
    {
        await Store.Checkpoints.AddWitnessedAsync(_bureau.Sign(new TreeHead(20, MerkleHasher.EmptyRoot)), Ct).Bounded();
        await Store.Checkpoints.AddWitnessedAsync(_bureau.Sign(new TreeHead(30, MerkleHasher.EmptyRoot)), Ct).Bounded();

        var latest = await Store.Checkpoints.GetLatestWitnessedAsync(_bureau.Origin, Ct).Bounded();

        Assert.Equal(30, latest!.Head.Size);
        Assert.Null(await Store.Checkpoints.GetLatestWitnessedAsync(_bank.Origin, Ct).Bounded());
    }

    [Fact]
    public async Task Receipts_AddedBesideRecords_AreFoundByRecordAndTxnAndStoringTwiceIsHarmless()
    {
        var (first, second) = (Receipt("txn-1", 4), Receipt("txn-1", 9));

        await Store.Receipts.AddAsync(3, first, Ct).Bounded();
        await Store.Receipts.AddAsync(3, first, Ct).Bounded();
        await Store.Receipts.AddAsync(8, second, Ct).Bounded();

        Assert.Equal([first.Token], await Store.Receipts.ForRecordAsync(3, Ct).Select(r => r.Token).ToListAsync(Ct).AsTask().Bounded());
        var byTxn = await Store.Receipts.ForTxnAsync("txn-1", Ct).ToListAsync(Ct).AsTask().Bounded();
        Assert.Equal([(3L, "bureau"), (8L, "bureau")], byTxn.Select(r => (r.OwnIndex, r.Issuer)));
    }

    [Fact]
    public async Task Receipts_DifferentReceiptFromTheSameIssuerForOneRecord_Throws()
    {
        await Store.Receipts.AddAsync(3, Receipt("txn-1", 4), Ct).Bounded();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Receipts.AddAsync(3, Receipt("txn-1", 5), Ct).Bounded());

        Assert.Contains("A different receipt from 'bureau'", error.Message);
    }

    [Fact]
    public async Task Receipts_BesideARecordTheLogDoesNotHold_Throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Receipts.AddAsync(99, Receipt("txn-1", 4), Ct).Bounded());

        Assert.Contains("holds no record 99", error.Message);
    }

    protected override Task SeedAsync() => Store.AppendBatchAsync(AuditLogVerifierContract.Events(12), Ct).Bounded();

    private static AuditReceipt Receipt(string txn, long leafIndex) => new()
    {
        Token = $"receipt-for-{leafIndex}",
        Issuer = "bureau",
        IssuedAt = DateTimeOffset.UnixEpoch,
        LogOrigin = "bureau.example/audit",
        LeafIndex = leafIndex,
        LeafHash = MerkleHasher.EmptyRoot,
        TreeHead = new TreeHead(leafIndex + 1, MerkleHasher.EmptyRoot),
        Txn = txn,
        Method = "/bureau.Credit/Score",
        Decision = AuditReceiptClaims.Allowed,
    };

    private async Task<TreeHead> Head(long size)
    {
        var proof = await Store.GetInclusionProofAsync(0, size, Ct).Bounded();
        var first = await Store.ReadAsync(0, 1, Ct).SingleAsync(Ct).AsTask().Bounded();
        return new TreeHead(size, proof.ComputeRoot(first.LeafHash)!.Value);
    }
}

public sealed class SqliteEvidenceStoreTests : EvidenceStoreContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteDatabase());
}

public sealed class PostgresEvidenceStoreTests : EvidenceStoreContract
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync();
}
