using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// The caller's request body streamed to the agent as it arrives (full duplex: the response may flow meanwhile).
/// Data is written as soon as it is read and flushed before waiting for more, so a streaming caller's messages
/// are never held back. It never touches the caller's request once <see cref="StopAsync"/> has returned, also
/// when the handler starts it late or not at all, and it refuses a second send (a retry cannot replay a stream).
/// With a <paramref name="filter"/> (a call leaving the organization) each whole message is filtered before it is
/// written; a message that cannot be filtered ends the body with the filter's <see cref="RpcException"/>.
/// </summary>
internal sealed class RequestBodyContent(PipeReader body, PayloadMeter meter, EgressFrameFilter? filter = null) : HttpContent
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>Why sending the body stopped early (the caller reset its stream, ...); null when it ended normally or not yet.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Stops reading the caller's body (the call is over) and waits until the copy has let go of it.</summary>
    public Task StopAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Stopped, NotStarted) == NotStarted)
        {
            _done.TrySetResult();
        }
        else if (!_done.Task.IsCompleted)
        {
            body.CancelPendingRead();
        }

        return _done.Task;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            throw new InvalidOperationException("The request body is a live stream; it cannot be sent again or after the call ended.");
        }

        try
        {
            await CopyAsync(stream, cancellationToken);
        }
        catch (Exception ex)
        {
            Failure = ex;
            throw;
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    /// <summary>Writes the whole messages at the start of the read, filtered; a partial message waits for more.</summary>
    private async Task WriteFilteredAsync(Stream stream, EgressFrameFilter messages, ReadResult result, CancellationToken cancellationToken)
    {
        var rest = result.Buffer;
        var output = new ArrayBufferWriter<byte>();
        try
        {
            messages.Filter(ref rest, output);
            if (result.IsCompleted && !rest.IsEmpty)
            {
                throw MessageFrame.Truncated(rest.Length);
            }
        }
        finally
        {
            body.AdvanceTo(rest.Start, result.Buffer.End);
        }

        meter.Observe(output.WrittenSpan);
        await stream.WriteAsync(output.WrittenMemory, cancellationToken);
    }

    private async Task CopyAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!body.TryRead(out var result))
            {
                // Headers and anything written so far go out before waiting for the caller.
                await stream.FlushAsync(cancellationToken);
                result = await body.ReadAsync(cancellationToken);
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The call ended while its request body was still streaming.");
            }

            var buffer = result.Buffer;
            if (filter is not null)
            {
                await WriteFilteredAsync(stream, filter, result, cancellationToken);
            }
            else
            {
                try
                {
                    foreach (var segment in buffer)
                    {
                        meter.Observe(segment.Span);
                        await stream.WriteAsync(segment, cancellationToken);
                    }
                }
                finally
                {
                    body.AdvanceTo(buffer.End);
                }
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
