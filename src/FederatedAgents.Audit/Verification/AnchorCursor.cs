using FederatedAgents.Audit.Merkle;

namespace FederatedAgents.Audit.Verification;

/// <summary>Walks the trusted anchors in step with the recomputed tree and checks each root at its size.</summary>
internal sealed class AnchorCursor(IAsyncEnumerable<TreeAnchor>? anchors, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TreeAnchor>? _anchors = anchors?.GetAsyncEnumerator(cancellationToken);
    private TreeAnchor? _next;
    private long _verifiedSize;
    private bool _exhausted;

    /// <summary>Checks every anchor of exactly <paramref name="size"/> leaves against <paramref name="frontier"/>'s root.</summary>
    public async ValueTask<AuditDamageReport?> CheckAtAsync(long size, MerkleFrontier frontier)
    {
        while (await PeekAsync() is { } anchor && anchor.Head.Size == size)
        {
            var root = frontier.Root();
            if (anchor.Head.Root != root)
            {
                return new AuditDamageReport(
                    _verifiedSize, AuditDamage.RootMismatch,
                    $"{anchor.Source} commits to root {anchor.Head.Root} for {size} records, but the stored records give {root}: "
                    + $"a record in [{_verifiedSize}, {size}) was altered, removed or reordered and the stored tree rewritten to match.");
            }

            _verifiedSize = size;
            _next = null;
        }

        return null;
    }

    /// <summary>An anchor larger than the log means records it covered are gone.</summary>
    public async ValueTask<AuditDamageReport?> CheckBeyondAsync(long logSize) =>
        await PeekAsync() is { } anchor
            ? new AuditDamageReport(
                logSize, AuditDamage.DeletedRecord,
                $"{anchor.Source} covers {anchor.Head.Size} records but the log holds {logSize}: the log was truncated.")
            : null;

    public ValueTask DisposeAsync() => _anchors?.DisposeAsync() ?? ValueTask.CompletedTask;

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
