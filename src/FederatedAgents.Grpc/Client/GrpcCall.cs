using FederatedAgents.Grpc.Compression;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// One call on a channel: sends the HTTP/2 request, enforces the deadline and cancellation, reads
/// the response, and settles the outcome exactly once. Split by concern into partial files.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : ICallState
{
    /// <summary>Longest single timer wait; longer deadlines re-arm the timer when it fires.</summary>
    private static readonly TimeSpan s_maxTimerDelay = TimeSpan.FromDays(40);

    private static readonly Task<HttpResponseMessage> s_notSent =
        Task.FromCanceled<HttpResponseMessage>(new CancellationToken(canceled: true));

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly DateTime _deadline;
    private readonly ICompressionProvider? _requestCompressor;
    private readonly CancellationTokenSource _cancellation = new();
    private Task<HttpResponseMessage> _sendTask = s_notSent;
    private HttpRequestMessage? _request;
    private CallOutcome? _outcome;
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _cancellationRegistration;

    /// <exception cref="ArgumentException">The deadline is not UTC or the request compression is unknown.</exception>
    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _deadline = NormalizeDeadline(options.Deadline);
        _requestCompressor = options.RequestCompression is { } encoding ? channel.GetRequestCompressor(encoding) : null;
    }

    public Status GetStatus() =>
        Volatile.Read(ref _outcome)?.Status
        ?? throw new InvalidOperationException("The call has not finished yet; read the response to its end (or await it) before asking for its status.");

    public Metadata GetTrailers() =>
        Volatile.Read(ref _outcome)?.Trailers
        ?? throw new InvalidOperationException("The call has not finished yet; read the response to its end (or await it) before asking for its trailers.");

    /// <summary>Cancels the call if it is still running (CANCELLED, stream reset) and releases its resources.</summary>
    public void Dispose() => Complete(CallFailures.Cancelled, Metadata.Empty);

    /// <summary>
    /// Settles the call. The first outcome wins and is returned to every caller; the winner stops the
    /// deadline timer, and for a failure cancels pending work so the HTTP/2 stream is reset.
    /// </summary>
    private CallOutcome Complete(Status status, Metadata trailers, Exception? cause = null)
    {
        var outcome = new CallOutcome(status, trailers, cause);
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is { } earlier)
        {
            return earlier;
        }

        LogOutcome(outcome);
        _deadlineTimer?.Dispose();
        _cancellationRegistration.Unregister();
        if (!outcome.IsOk)
        {
            _cancellation.Cancel();
        }

        _requestContent?.Finish(outcome.IsOk);
        DisposeResponseWhenSent();
        _request?.Dispose();
        return outcome;
    }

    /// <summary>Settles the call from an exception; after the call is over, exceptions are echoes of that.</summary>
    private CallOutcome Fail(Exception exception)
    {
        if (Volatile.Read(ref _outcome) is { } outcome)
        {
            return outcome;
        }

        var status = CallFailures.ToStatus(exception, _channel.Address);
        if (status.StatusCode == StatusCode.Cancelled && DeadlinePassed())
        {
            // A server's CANCEL racing our own deadline is reported as the deadline (PROTOCOL-HTTP2.md).
            status = CallFailures.DeadlineExceeded;
        }

        return Complete(status, Metadata.Empty, exception);
    }

    private void DisposeResponseWhenSent()
    {
        var send = Volatile.Read(ref _sendTask);
        if (!send.IsCompleted)
        {
            send.ContinueWith(DisposeIfSent, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        DisposeIfSent(send);
    }

    private static void DisposeIfSent(Task<HttpResponseMessage> send)
    {
        if (send.IsCompletedSuccessfully)
        {
            send.Result.Dispose();
        }
        else
        {
            // The call's outcome already reports this failure; observe it so it is not raised again as unobserved.
            _ = send.Exception;
        }
    }

    private void LogOutcome(CallOutcome outcome)
    {
        if (outcome.IsOk)
        {
            GrpcChannel.Log.CallFinished(_channel.Logger, _method.FullName, outcome.Status.StatusCode);
        }
        else
        {
            GrpcChannel.Log.CallFailed(_channel.Logger, _method.FullName, outcome.Status.StatusCode, outcome.Status.Detail, outcome.Cause);
        }
    }
}
