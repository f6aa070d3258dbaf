namespace FederatedAgents.Grpc.Client;

internal sealed partial class GrpcCall<TRequest, TResponse> : IClientStreamWriter<TRequest>
{
    private const int WriterIdle = 0;
    private const int WriterBusy = 1;
    private const int WriterCompleted = 2;

    private int _writerState;

    /// <summary>
    /// Sends one request message and flushes it. Cancelling <paramref name="cancellationToken"/>
    /// cancels the whole call. After the call has ended, throws its status (or, after an OK end,
    /// <see cref="InvalidOperationException"/>).
    /// </summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        var state = Interlocked.CompareExchange(ref _writerState, WriterBusy, WriterIdle);
        if (state != WriterIdle)
        {
            throw new InvalidOperationException(state == WriterCompleted
                ? "The request stream was completed with CompleteAsync; no more messages can be written."
                : "A previous WriteAsync has not finished; await each write before starting the next.");
        }

        try
        {
            if (Volatile.Read(ref _outcome) is { } finished)
            {
                throw WriteAfterEnd(finished);
            }

            using var registration = RegisterCancellation(cancellationToken);
            try
            {
                await _requestContent!.WriteAsync(message, _method.RequestMarshaller, _channel.MaxSendMessageSize, _requestCompressor, _cancellation.Token);
            }
            catch (Exception ex)
            {
                throw WriteAfterEnd(Fail(ex));
            }
        }
        finally
        {
            Volatile.Write(ref _writerState, WriterIdle);
        }
    }

    /// <summary>Ends the request stream (HTTP/2 END_STREAM); further writes fail. Idempotent.</summary>
    public Task CompleteAsync()
    {
        if (Interlocked.CompareExchange(ref _writerState, WriterCompleted, WriterIdle) == WriterBusy)
        {
            throw new InvalidOperationException("A WriteAsync is still pending; await it before completing the request stream.");
        }

        _requestContent!.CompleteRequest();
        return Task.CompletedTask;
    }

    private static Exception WriteAfterEnd(CallOutcome outcome) =>
        outcome.IsOk
            ? new InvalidOperationException("The server has already ended the call with OK; no more request messages can be written.")
            : outcome.ToException();
}
