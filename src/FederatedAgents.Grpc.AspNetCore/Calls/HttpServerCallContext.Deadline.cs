namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>
/// Cancellation and the deadline. At the deadline the handler's token is cancelled and the client gets
/// DEADLINE_EXCEEDED at once, while the handler winds down; response writes are serialized with that
/// completion by a gate that exists only for calls with a deadline, so other calls pay nothing for it.
/// </summary>
internal sealed partial class HttpServerCallContext
{
    /// <summary>The longest single timer due time the system timer accepts; longer deadlines re-arm.</summary>
    private static readonly TimeSpan s_maxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Stands in for the token source once the call has ended: its token is cancelled.</summary>
    private static readonly CancellationTokenSource s_ended = CreateCancelled();

    private CancellationTokenSource? _cancellation;
    private DateTime _deadline = DateTime.MaxValue;
    private DeadlineState? _deadlineState;
    private volatile bool _deadlineExceeded;

    public override CancellationToken CancellationToken => (_cancellation ?? CreateCancellation()).Token;

    public bool IsDeadlineExceeded => _deadlineExceeded;

    /// <summary>True when the client set a deadline; such calls create their token source up front.</summary>
    public bool IsDeadlineBound => _deadlineState is not null;

    /// <summary>
    /// The call's token combined with a handler's own; returns the source to dispose after the operation,
    /// or null when the handler passed no token of its own.
    /// </summary>
    public CancellationTokenSource? CombineWithCall(CancellationToken token, out CancellationToken combined)
    {
        combined = CancellationToken;
        if (!token.CanBeCanceled || token == combined)
        {
            return null;
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(token, combined);
        combined = linked.Token;
        return linked;
    }

    /// <summary>Releases the timer and token source once the handler is done; waits for a deadline completion in progress.</summary>
    public ValueTask EndAsync()
    {
        if (_deadlineState is null)
        {
            DisposeCancellation();
            return default;
        }

        return EndWithDeadlineAsync(_deadlineState);
    }

    private async ValueTask EndWithDeadlineAsync(DeadlineState state)
    {
        Task? expiry;
        lock (state.Lock)
        {
            state.Ended = true;
            expiry = state.Expiry;
        }

        await state.Timer.DisposeAsync();
        if (expiry is not null)
        {
            await expiry;
        }

        DisposeCancellation();
        state.WriteGate.Dispose();
    }

    private void StartDeadline(TimeSpan timeout)
    {
        var now = _server.TimeProvider.GetUtcNow().UtcDateTime;
        if (timeout >= DateTime.MaxValue - now)
        {
            return;
        }

        _deadline = now + timeout;
        _ = CreateCancellation();
        var timer = _server.TimeProvider.CreateTimer(
            static state => ((HttpServerCallContext)state!).OnDeadlineTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _deadlineState = new DeadlineState(timer);
        timer.Change(Cap(timeout), Timeout.InfiniteTimeSpan);
    }

    private void OnDeadlineTimer()
    {
        var state = _deadlineState!;
        lock (state.Lock)
        {
            // Checked under the lock: once the call has ended, the timer is disposed and must not be touched.
            if (state.Ended || state.Expiry is not null)
            {
                return;
            }

            var remaining = _deadline - _server.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining > TimeSpan.Zero)
            {
                state.Timer.Change(Cap(remaining), Timeout.InfiniteTimeSpan);
                return;
            }

            // Run apart from the lock: cancelling runs the handler's callbacks inline.
            state.Expiry = Task.Run(ExpireAsync);
        }
    }

    private async Task ExpireAsync()
    {
        _deadlineExceeded = true;
        Log.DeadlineExceeded(_server.Logger, _method);
        try
        {
            _cancellation!.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.DeadlineCompletionFailed(_server.Logger, _method, ex);
        }

        try
        {
            if (await TryEnterResponseAsync())
            {
                try
                {
                    WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."));
                    await _http.Response.CompleteAsync();
                }
                finally
                {
                    ExitResponse();
                }
            }
        }
        catch (Exception ex)
        {
            Log.DeadlineCompletionFailed(_server.Logger, _method, ex);
        }
    }

    /// <summary>False when the response is already complete (the deadline got there first).</summary>
    private ValueTask<bool> TryEnterResponseAsync()
    {
        if (_deadlineState is null)
        {
            return new ValueTask<bool>(!_responseCompleted);
        }

        return EnterGateAsync(_deadlineState.WriteGate);
    }

    private async ValueTask<bool> EnterGateAsync(SemaphoreSlim gate)
    {
        await gate.WaitAsync();
        if (!_responseCompleted)
        {
            return true;
        }

        gate.Release();
        return false;
    }

    private void ExitResponse() => _deadlineState?.WriteGate.Release();

    private CancellationTokenSource CreateCancellation()
    {
        var created = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted, _server.Stopping);
        var existing = Interlocked.CompareExchange(ref _cancellation, created, null);
        if (existing is null)
        {
            return created;
        }

        created.Dispose();
        return existing;
    }

    private void DisposeCancellation()
    {
        var cancellation = Interlocked.Exchange(ref _cancellation, s_ended);
        if (cancellation != s_ended)
        {
            cancellation?.Dispose();
        }
    }

    private static CancellationTokenSource CreateCancelled()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    private static TimeSpan Cap(TimeSpan dueTime) => dueTime < s_maxTimerDueTime ? dueTime : s_maxTimerDueTime;

    private sealed class DeadlineState(ITimer timer)
    {
        public Lock Lock { get; } = new();

        public ITimer Timer { get; } = timer;

        public SemaphoreSlim WriteGate { get; } = new(1, 1);

        public bool Ended { get; set; }

        public Task? Expiry { get; set; }
    }
}
