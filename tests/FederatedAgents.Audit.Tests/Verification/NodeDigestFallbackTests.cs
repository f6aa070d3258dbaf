using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Audit.Tests.Storage;
using FederatedAgents.Audit.Verification;
using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Verification;

/// <summary>
/// A store's node digest only spares reading rows: when it disagrees, the rows decide, and verification goes on
/// (a digest may differ for harmless reasons, such as the rows being aggregated in another order).
/// </summary>
public sealed class NodeDigestFallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_DigestDisagreesOnEveryPageButRowsMatch_IsValid()
    {
        var (result, digests) = await VerifyWithWrongDigestsAsync(_ => null);

        Assert.True(result.IsValid, result.Damage?.Message);
        Assert.Equal(40, result.RecordsChecked);
        Assert.Equal(5, digests);
    }

    [Fact]
    public async Task VerifyAsync_DigestDisagreesAndARowWasAltered_NamesTheSubtree()
    {
        var (result, _) = await VerifyWithWrongDigestsAsync(
            database => $"UPDATE audit_nodes SET hash = {database.Bytes(new byte[Sha256Hash.Length])} WHERE pos = {new NodeKey(1, 13).Position}");

        Assert.Equal((26L, AuditDamage.AlteredTree), (result.Damage!.FirstBadIndex, result.Damage.Kind));
    }

    /// <summary>Verifies a 40-record SQLite log in pages of 8, after the tampering SQL if any, through <see cref="WrongDigests"/>.</summary>
    private static async Task<(AuditVerificationResult Result, int Digests)> VerifyWithWrongDigestsAsync(Func<StoreDatabase, string?> tamperSql)
    {
        await using var database = new SqliteDatabase();
        await using var store = await database.OpenAsync();
        await store.AppendBatchAsync(AuditLogVerifierContract.Events(40), Ct).Bounded();
        if (tamperSql(database) is { } sql)
        {
            await database.ExecuteAsync(sql);
        }

        await using var snapshot = new WrongDigests(await store.OpenSnapshotAsync(Ct).Bounded());
        var result = await AuditLogVerifier.VerifyAsync(snapshot, new AuditVerificationOptions { PageSize = 8 }, Ct).Bounded();
        return (result, snapshot.Digests);
    }

    /// <summary>A store that offers a digest of every node range, always a wrong one.</summary>
    private sealed class WrongDigests(IAuditLogSnapshot inner) : IAuditLogSnapshot
    {
        public int Digests { get; private set; }

        public TreeHead Head => inner.Head;

        public Task<StoredNodesDigest?> DigestNodesAsync(long startPosition, long endPosition, CancellationToken cancellationToken = default)
        {
            Digests++;
            return Task.FromResult<StoredNodesDigest?>(new StoredNodesDigest(true, MerkleHasher.EmptyRoot));
        }

        public Task ReadRecordsAsync(long start, long end, StoredRows rows, CancellationToken cancellationToken = default) =>
            inner.ReadRecordsAsync(start, end, rows, cancellationToken);

        public Task ReadNodesAsync(long startPosition, long endPosition, StoredRows rows, CancellationToken cancellationToken = default) =>
            inner.ReadNodesAsync(startPosition, endPosition, rows, cancellationToken);

        public Task<long?> FindIndexOutsideAsync(long treeSize, CancellationToken cancellationToken = default) =>
            inner.FindIndexOutsideAsync(treeSize, cancellationToken);

        public IAsyncEnumerable<StoredCheckpointNote> ReadCheckpointNotesAsync(long afterSize, long throughSize, CancellationToken cancellationToken = default) =>
            inner.ReadCheckpointNotesAsync(afterSize, throughSize, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
