namespace FederatedAgents.Audit.Storage;

/// <summary>Tuning shared by every store.</summary>
public sealed record AuditStoreOptions
{
    /// <summary>
    /// Most records committed in one transaction (default 512). Appends waiting while a commit runs
    /// join the next one; a larger bound means fewer flushes under load, not a longer wait when idle.
    /// </summary>
    public int MaxBatchSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), value, "MaxBatchSize must be positive.");
    } = 512;
}
