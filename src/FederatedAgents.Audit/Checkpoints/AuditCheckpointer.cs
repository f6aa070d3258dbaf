using System.Threading.Channels;
using FederatedAgents.Audit.Merkle;
using FederatedAgents.Audit.Storage;
using FederatedAgents.Tokens.Jose;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// Signs checkpoints of the organization's log with its audit key and stores them, at most
/// <see cref="AuditCheckpointerOptions.MaxRecords"/> records or <see cref="AuditCheckpointerOptions.MaxDelay"/>
/// behind the log. Before signing it verifies the latest stored checkpoint's signature and a consistency proof
/// from it to the new head, and refuses (logging why) otherwise: the log never signs two inconsistent checkpoints.
/// Host it by awaiting <see cref="RunAsync"/> from a background service; call <see cref="Nudge"/> after appends.
/// Replicas sharing a database may each run one: the store keeps one checkpoint per tree size.
/// </summary>
public sealed partial class AuditCheckpointer
{
    private readonly IAuditLogStore _store;
    private readonly NoteSigner _signer;
    private readonly CheckpointVerifier _verifier;
    private readonly AuditCheckpointerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _signing = new(1, 1);
    private long _lastSignedAt;
    private long _appendedSinceCheck;
    private long _uncoveredAtLastCheck;
    private int _pollDue;
    private string? _lastRefusal;

    /// <param name="signer">The log's signer: its name is the log's origin, its key the organization's audit key.</param>
    public AuditCheckpointer(
        IAuditLogStore store, NoteSigner signer, AuditCheckpointerOptions options, TimeProvider time, ILogger<AuditCheckpointer>? logger = null)
    {
        options.Validate();
        _store = store;
        _signer = signer;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<AuditCheckpointer>.Instance;
        _verifier = new CheckpointVerifier(signer.Name, new JsonWebKeySet(
            new[] { signer.PublicKey.Key }.Concat(options.EarlierKeys?.Keys ?? []).DistinctBy(k => k.KeyId)));
        _lastSignedAt = time.GetTimestamp();
    }

    /// <summary>Raised after a checkpoint was signed and stored (on the signing thread).</summary>
    public event Action<SignedCheckpoint>? CheckpointSigned;

    /// <summary>
    /// Tells the checkpointer that <paramref name="appended"/> records were appended here, so it signs as soon as
    /// <see cref="AuditCheckpointerOptions.MaxRecords"/> are uncovered rather than at the next poll. Never blocks; the
    /// log is only read again once a checkpoint may be due, so nudging after every append costs next to nothing.
    /// </summary>
    public void Nudge(int appended = 1)
    {
        Interlocked.Add(ref _appendedSinceCheck, appended);
        _wakeups.Writer.TryWrite(true);
    }

    /// <summary>Whether a wakeup is worth reading the log for: a poll, enough records nudged, or the delay passed.</summary>
    internal bool IsCheckDue() =>
        Interlocked.Exchange(ref _pollDue, 0) == 1
        || Interlocked.Read(ref _uncoveredAtLastCheck) + Interlocked.Read(ref _appendedSinceCheck) >= _options.MaxRecords
        || _time.GetElapsedTime(Interlocked.Read(ref _lastSignedAt)) >= _options.MaxDelay;

    /// <summary>Checks the log at every poll and nudge and signs when due, until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var poll = _time.CreateTimer(_ => Poll(), null, _options.PollInterval, _options.PollInterval);
        try
        {
            while (await _wakeups.Reader.WaitToReadAsync(stoppingToken))
            {
                _wakeups.Reader.TryRead(out _);
                if (IsCheckDue())
                {
                    await SignSafelyAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Signs a checkpoint of the current head if one is due by the cadence; returns it, or null when none was due.</summary>
    public Task<SignedCheckpoint?> CheckpointIfDueAsync(CancellationToken cancellationToken = default) =>
        SignAsync(due: true, cancellationToken);

    /// <summary>Signs a checkpoint of the current head unless the latest stored one already covers it; returns the latest checkpoint.</summary>
    public async Task<SignedCheckpoint?> CheckpointNowAsync(CancellationToken cancellationToken = default) =>
        await SignAsync(due: false, cancellationToken) ?? await _store.Checkpoints.GetLatestAsync(cancellationToken);

    private void Poll()
    {
        Interlocked.Exchange(ref _pollDue, 1);
        _wakeups.Writer.TryWrite(true);
    }

    private async Task SignSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CheckpointIfDueAsync(cancellationToken);
        }
        catch (AuditLogDamagedException e)
        {
            // Every poll refuses again until someone investigates; say it once per distinct reason.
            if (e.Message != Interlocked.Exchange(ref _lastRefusal, e.Message))
            {
                Log.RefusedToSign(_logger, _signer.Name, e.Message);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SigningFailed(_logger, _signer.Name, e);
        }
    }

    private async Task<SignedCheckpoint?> SignAsync(bool due, CancellationToken cancellationToken)
    {
        await _signing.WaitAsync(cancellationToken);
        try
        {
            // Latest first: every checkpoint stored by then covers a committed head, so the head read after it is
            // never smaller unless records were removed — even while other replicas append and sign.
            Interlocked.Exchange(ref _appendedSinceCheck, 0);
            var latest = await _store.Checkpoints.GetLatestAsync(cancellationToken);
            var head = await _store.GetTreeHeadAsync(cancellationToken);
            if (latest is not null && head.Size <= latest.Head.Size)
            {
                Interlocked.Exchange(ref _uncoveredAtLastCheck, 0);
                return head == latest.Head ? null : throw Diverged(head, latest);
            }

            var uncovered = head.Size - (latest?.Head.Size ?? 0);
            Interlocked.Exchange(ref _uncoveredAtLastCheck, uncovered);
            if (uncovered == 0 || (due && uncovered < _options.MaxRecords && _time.GetElapsedTime(_lastSignedAt) < _options.MaxDelay))
            {
                return null;
            }

            if (latest is not null)
            {
                await CheckConsistencyAsync(latest, head, cancellationToken);
            }

            var body = new CheckpointBody(_signer.Name, head);
            var stored = await _store.Checkpoints.AddAsync(new SignedCheckpoint(body, [_signer.Sign(body.ToNoteText())]), cancellationToken);
            Interlocked.Exchange(ref _lastSignedAt, _time.GetTimestamp());
            Interlocked.Exchange(ref _uncoveredAtLastCheck, 0);
            Log.Signed(_logger, _signer.Name, head.Size, head.Root.ToString());
            CheckpointSigned?.Invoke(stored);
            return stored;
        }
        finally
        {
            _signing.Release();
        }
    }

    private async Task CheckConsistencyAsync(SignedCheckpoint latest, TreeHead head, CancellationToken cancellationToken)
    {
        if (_verifier.Check(latest) is { } problem)
        {
            throw new AuditLogDamagedException($"The latest stored checkpoint is not one this log signed ({problem}); refusing to sign another.");
        }

        var proof = await _store.GetConsistencyProofAsync(latest.Head.Size, head.Size, cancellationToken);
        if (!proof.Verify(latest.Head.Root, head.Root))
        {
            throw new AuditLogDamagedException(
                $"The log at {head.Size} records (root {head.Root}) does not extend the checkpoint signed at {latest.Head.Size} "
                + $"(root {latest.Head.Root}); refusing to sign an inconsistent checkpoint. Run the audit verifier.");
        }
    }

    private static AuditLogDamagedException Diverged(TreeHead head, SignedCheckpoint latest) => new(
        $"The log's head (size {head.Size}, root {head.Root}) is behind or beside the checkpoint signed at {latest.Head.Size} "
        + $"(root {latest.Head.Root}): records were removed or rewritten. Refusing to sign; run the audit verifier.");
}
