using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Checkpoints;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Tests.Verification;
using FederatedAgents.Audit.Witnessing;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Witnessing;

/// <summary>The bureau witnesses the bank's log: it cosigns consistent checkpoints and catches a split view.</summary>
public sealed class WitnessingTests : IAsyncLifetime
{
    private readonly TestLog _bank = new("bank");
    private readonly TestLog _bureau = new("bureau");
    private readonly SqliteDatabase _bankDatabase = new();
    private readonly SqliteDatabase _bureauDatabase = new();
    private IAuditLogStore? _bankLog;
    private IAuditLogStore? _bureauLog;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAuditLogStore BankLog => _bankLog!;

    private CheckpointWitness Witness => new(_bureau.Signer, _bureauLog!.Checkpoints);

    public async ValueTask InitializeAsync()
    {
        _bankLog = await _bankDatabase.OpenAsync();
        _bureauLog = await _bureauDatabase.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await BankLog.DisposeAsync();
        await _bureauLog!.DisposeAsync();
        await _bankDatabase.DisposeAsync();
        await _bureauDatabase.DisposeAsync();
    }

    [Fact]
    public async Task CosignAsync_ConsistentCheckpoints_AreCosignedAndTheBankStoresTheCosignatures()
    {
        var first = await SignBankCheckpointAsync(8);
        var second = await SignBankCheckpointAsync(5);

        var firstCosignature = await Witness.CosignAsync(first, _bank.Verifier, null, Ct).Bounded();
        var proof = await BankLog.GetConsistencyProofAsync(8, 13, Ct).Bounded();
        var secondCosignature = await Witness.CosignAsync(second, _bank.Verifier, proof, Ct).Bounded();
        await WitnessCosignatures.AcceptAsync(BankLog.Checkpoints, 13, secondCosignature, _bureau.Signer.PublicKey, Ct).Bounded();

        var stored = await BankLog.Checkpoints.GetAsync(13, Ct).Bounded();
        Assert.True(_bureau.Signer.PublicKey.Verifies(first.Body.ToNoteText(), firstCosignature));
        Assert.Null(CheckpointVerifier.CheckSignedBy(stored!, [_bureau.Signer.PublicKey], "the bureau"));
        Assert.Null(_bank.Verifier.Check(stored!));
        Assert.Equal(13, (await Witness.LastWitnessedAsync(_bank.Origin, Ct).Bounded())!.Head.Size);
    }

    [Fact]
    public async Task CosignAsync_SameSizeWithAnotherRoot_ThrowsSplitViewWithBothSignedCheckpoints()
    {
        var shown = await SignBankCheckpointAsync(8);
        await Witness.CosignAsync(shown, _bank.Verifier, null, Ct).Bounded();
        var other = _bank.Sign(shown.Head with { Root = MerkleHasher.HashLeaf("the other view"u8) });

        var error = await Assert.ThrowsAsync<SplitViewException>(() => Witness.CosignAsync(other, _bank.Verifier, null, Ct).Bounded());

        Assert.Equal([shown.ToNote(), other.ToNote()], new[] { error.Evidence.Older.ToNote(), error.Evidence.Newer.ToNote() });
        Assert.Contains("different roots", error.Evidence.Description);
        Assert.Contains("SPLIT VIEW of log 'bank.example/audit'", error.Evidence.ToReport());
    }

    [Fact]
    public void Check_LargerTreeTheProofDoesNotConnect_ReportsEvidenceWithTheFailingProof()
    {
        var older = _bank.Sign(new TreeHead(4, MerkleHasher.HashLeaf("a"u8)));
        var newer = _bank.Sign(new TreeHead(6, MerkleHasher.HashLeaf("b"u8)));
        var proof = new ConsistencyProof(4, 6, [MerkleHasher.HashLeaf("c"u8)]);

        var evidence = SplitViewDetector.Check(newer, older, proof, _bank.Verifier);

        Assert.Equal((4L, 6L), (evidence!.Older.Head.Size, evidence.Newer.Head.Size));
        Assert.Same(proof, evidence.Proof);
        Assert.Contains(proof.Hashes[0].ToString(), evidence.ToReport());
    }

    [Fact]
    public async Task CheckAsync_CheckpointsOfOneHonestLog_AreConsistentWithAFetchedProof()
    {
        var held = await SignBankCheckpointAsync(3);
        var latest = await SignBankCheckpointAsync(9);

        var evidence = await SplitViewDetector.CheckAsync(latest, held, BankLog.GetConsistencyProofAsync, _bank.Verifier, Ct).Bounded();

        Assert.Null(evidence);
    }

    [Fact]
    public void Check_CheckpointNotSignedByTheLog_IsNotEvidence()
    {
        var genuine = _bank.Sign(new TreeHead(4, MerkleHasher.HashLeaf("a"u8)));
        var forged = _bureau.Sign(new TreeHead(4, MerkleHasher.HashLeaf("b"u8)));

        var error = Assert.Throws<ArgumentException>(() => SplitViewDetector.Check(genuine, forged, null, _bank.Verifier));

        Assert.Contains("Not evidence about 'bank.example/audit'", error.Message);
    }

    [Fact]
    public async Task CosignAsync_CheckpointOlderThanTheLastWitnessed_IsRefused()
    {
        var older = await SignBankCheckpointAsync(3);
        var newer = await SignBankCheckpointAsync(3);
        await Witness.CosignAsync(newer, _bank.Verifier, null, Ct).Bounded();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Witness.CosignAsync(older, _bank.Verifier, null, Ct).Bounded());

        Assert.Contains("send a newer one", error.Message);
    }

    [Fact]
    public async Task AcceptAsync_CosignatureByAnotherKey_IsRefused()
    {
        var checkpoint = await SignBankCheckpointAsync(3);
        var impostor = new TestLog("bureau");
        var cosignature = impostor.Signer.Sign(checkpoint.Body.ToNoteText());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => WitnessCosignatures.AcceptAsync(BankLog.Checkpoints, 3, cosignature, _bureau.Signer.PublicKey, Ct).Bounded());

        Assert.Contains("is not bureau.example/audit", error.Message);
    }

    private async Task<SignedCheckpoint> SignBankCheckpointAsync(int moreRecords)
    {
        var size = (int)(await BankLog.GetTreeHeadAsync(Ct).Bounded()).Size;
        await BankLog.AppendBatchAsync(AuditLogVerifierContract.Events(size + moreRecords)[size..], Ct).Bounded();
        return await BankLog.Checkpoints.AddAsync(_bank.Sign(await BankLog.GetTreeHeadAsync(Ct).Bounded()), Ct).Bounded();
    }
}
