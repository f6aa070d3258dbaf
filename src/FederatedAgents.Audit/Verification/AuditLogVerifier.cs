using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Recomputes a log's tree from its stored records and checks every stored subtree hash, the stored
/// head, and any trusted anchors against it, in one streaming pass over a snapshot: memory does not
/// grow with the log. Reports the first bad index and the kind of damage; never repairs anything.
/// </summary>
public static class AuditLogVerifier
{
    public static async Task<AuditVerificationResult> VerifyAsync(
        IAuditLogStore store, AuditVerificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var snapshot = await store.OpenSnapshotAsync(cancellationToken);
        return await VerifyAsync(snapshot, options ?? new AuditVerificationOptions(), cancellationToken);
    }

    internal static async Task<AuditVerificationResult> VerifyAsync(
        IAuditLogSnapshot snapshot, AuditVerificationOptions options, CancellationToken cancellationToken)
    {
        var size = snapshot.Head.Size;
        await using var anchors = new AnchorCursor(options.Anchors, options.Checkpoints, cancellationToken);
        var walk = new TreeWalk(snapshot, anchors, options.PageSize);
        var damage = await walk.CheckEmptyTreeAsync();
        await using (var pages = await PageReader.OpenAsync(snapshot, options.PageSize, anchors.ChecksStoredCheckpoints, cancellationToken))
        {
            while (damage is null && await pages.NextAsync() is { } page)
            {
                damage = await walk.CheckPageAsync(page, pages, cancellationToken);
                options.Progress?.Report(new AuditVerificationProgress(walk.RecordsChecked, size));
            }
        }

        damage ??= await FindExtraRecordAsync(snapshot, cancellationToken)
            ?? await anchors.CheckBeyondAsync(size, await FindCheckpointBeyondAsync(snapshot, anchors, cancellationToken))
            ?? CheckStoredRoot(snapshot.Head, walk.Root);
        return new AuditVerificationResult(snapshot.Head, walk.RecordsChecked, damage) { CheckpointsVerified = anchors.CheckpointsVerified };
    }

    private static async Task<StoredCheckpointNote?> FindCheckpointBeyondAsync(
        IAuditLogSnapshot snapshot, AnchorCursor anchors, CancellationToken cancellationToken) =>
        anchors.ChecksStoredCheckpoints
            ? await snapshot.ReadCheckpointNotesAsync(snapshot.Head.Size, long.MaxValue, cancellationToken).FirstOrDefaultAsync(cancellationToken)
            : null;

    private static async Task<AuditDamageReport?> FindExtraRecordAsync(IAuditLogSnapshot snapshot, CancellationToken cancellationToken) =>
        await snapshot.FindIndexOutsideAsync(snapshot.Head.Size, cancellationToken) is { } index
            ? new AuditDamageReport(
                Math.Max(index, 0), AuditDamage.InsertedRecord,
                $"A record is stored at index {index}, outside the tree of {snapshot.Head.Size} records: it was never appended.")
            : null;

    private static AuditDamageReport? CheckStoredRoot(TreeHead head, Sha256Hash recomputed) =>
        recomputed == head.Root
            ? null
            : new AuditDamageReport(
                head.Size, AuditDamage.RootMismatch,
                $"The stored head claims root {head.Root} for {head.Size} records, but the records give {recomputed}: the head row was altered.");
}
