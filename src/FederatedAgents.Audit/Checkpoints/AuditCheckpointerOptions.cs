using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>How often <see cref="AuditCheckpointer"/> signs: as soon as either bound is reached, never for an unchanged log.</summary>
public sealed record AuditCheckpointerOptions
{
    /// <summary>Sign once this many records are not yet covered by a checkpoint (default 1000).</summary>
    public int MaxRecords { get; init; } = 1000;

    /// <summary>Sign uncovered records once this long has passed since the last checkpoint (default 1 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the log's head is read to notice appends made elsewhere (default 250 ms; other replicas).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Keys whose signatures on earlier checkpoints are trusted (the audit keys used before a rotation); the
    /// signer's own key is always trusted. A latest stored checkpoint no trusted key signed stops all signing.
    /// </summary>
    public JsonWebKeySet? EarlierKeys { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and the fix.</summary>
    internal void Validate()
    {
        if (MaxRecords < 1)
        {
            throw new ArgumentException($"{nameof(MaxRecords)} is {MaxRecords}; sign at least every record (1) or more (default 1000).");
        }

        if (MaxDelay <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxDelay)} ({MaxDelay}) and {nameof(PollInterval)} ({PollInterval}) must be positive (defaults 1 s and 250 ms).");
        }
    }
}
