using FederatedAgents.Audit.Checkpoints;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Verification;

/// <summary>
/// Walks the trusted tree heads in step with the recomputed tree and checks each root at its size: the
/// caller's anchors, and the log's own stored checkpoints (fed page by page) once their signatures verify.
/// </summary>
internal sealed class AnchorCursor(
    IAsyncEnumerable<TreeAnchor>? anchors, CheckpointVerifier? checkpoints, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TreeAnchor>? _anchors = anchors?.GetAsyncEnumerator(cancellationToken);
    private readonly Queue<StoredCheckpointNote> _stored = new();
    private TreeAnchor? _next;
    private long _verifiedSize;
    private bool _exhausted;

    /// <summary>Stored checkpoints are read and checked only when their keys are known.</summary>
    public bool ChecksStoredCheckpoints => checkpoints is not null;

    public int CheckpointsVerified { get; private set; }

    /// <summary>Queues the stored checkpoints of the next page (ascending, none below the sizes already passed).</summary>
    public void Enqueue(IEnumerable<StoredCheckpointNote> notes)
    {
        foreach (var note in notes)
        {
            _stored.Enqueue(note);
        }
    }

    /// <summary>Checks every anchor and stored checkpoint of exactly <paramref name="size"/> leaves against <paramref name="frontier"/>'s root.</summary>
    public async ValueTask<AuditDamageReport?> CheckAtAsync(long size, MerkleFrontier frontier)
    {
        while (_stored.TryPeek(out var note) && note.Size <= size)
        {
            _stored.Dequeue();
            var damage = ToAnchor(note, out var anchor) ?? Compare(anchor!, frontier);
            if (damage is not null)
            {
                return damage;
            }

            CheckpointsVerified++;
        }

        while (await PeekAsync() is { } anchor && anchor.Head.Size == size)
        {
            if (Compare(anchor, frontier) is { } damage)
            {
                return damage;
            }

            _next = null;
        }

        return null;
    }

    /// <summary>A verified checkpoint or anchor larger than the log means records it covered are gone.</summary>
    public async ValueTask<AuditDamageReport?> CheckBeyondAsync(long logSize, StoredCheckpointNote? storedBeyond)
    {
        TreeAnchor? stored = null;
        if (storedBeyond is not null && ToAnchor(storedBeyond, out stored) is { } invalid)
        {
            return invalid;
        }

        return (stored ?? await PeekAsync()) is { } anchor
            ? new AuditDamageReport(
                logSize, AuditDamage.DeletedRecord,
                $"{anchor.Source} covers {anchor.Head.Size} records but the log holds {logSize}: the log was truncated.")
            : null;
    }

    public ValueTask DisposeAsync() => _anchors?.DisposeAsync() ?? ValueTask.CompletedTask;

    private AuditDamageReport? Compare(TreeAnchor anchor, MerkleFrontier frontier)
    {
        var size = anchor.Head.Size;
        var root = frontier.Root();
        if (frontier.Size != size || anchor.Head.Root != root)
        {
            return new AuditDamageReport(
                _verifiedSize, AuditDamage.RootMismatch,
                $"{anchor.Source} commits to root {anchor.Head.Root} for {size} records, but the stored records give {root}: "
                + $"a record in [{_verifiedSize}, {size}) was altered, removed or reordered and the stored tree rewritten to match.");
        }

        _verifiedSize = size;
        return null;
    }

    private AuditDamageReport? ToAnchor(StoredCheckpointNote note, out TreeAnchor? anchor)
    {
        anchor = null;
        string? problem;
        try
        {
            var checkpoint = SignedCheckpoint.Parse(note.Note);
            problem = checkpoint.Head.Size != note.Size
                ? $"its note is for {checkpoint.Head.Size} records"
                : checkpoints!.Check(checkpoint);
            anchor = new TreeAnchor(checkpoint.Head, $"the checkpoint stored for {note.Size} records");
        }
        catch (FormatException e)
        {
            problem = e.Message;
        }

        return problem is null
            ? null
            : new AuditDamageReport(
                _verifiedSize, AuditDamage.InvalidCheckpoint,
                $"The checkpoint stored for {note.Size} records is not a valid signed checkpoint of this log ({problem}): it was altered or forged.");
    }

    private async ValueTask<TreeAnchor?> PeekAsync()
    {
        if (_next is not null || _anchors is null || _exhausted)
        {
            return _next;
        }

        if (!await _anchors.MoveNextAsync())
        {
            _exhausted = true;
            return null;
        }

        var anchor = _anchors.Current;
        if (anchor.Head.Size < _verifiedSize)
        {
            throw new ArgumentException(
                $"Anchors must come in ascending tree size; {anchor.Source} (size {anchor.Head.Size}) follows size {_verifiedSize}.");
        }

        return _next = anchor;
    }
}
