using System.Net;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// A request body written while the call runs (client and duplex streaming). The handler hands over
/// the HTTP/2 request stream; each message is written and flushed as the caller sends it, and the
/// body ends (END_STREAM) when the caller completes the request stream.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PooledBufferWriter _frame = new();

    /// <summary>Frames, writes and flushes one message; one write at a time.</summary>
    public async Task WriteAsync<T>(T message, Marshaller<T> marshaller, int maxMessageSize, ICompressionProvider? compressor, CancellationToken cancellationToken)
    {
        try
        {
            GrpcMessageWriter.Write(_frame, message, marshaller, maxMessageSize, compressor);
            var stream = await _stream.Task.WaitAsync(cancellationToken);
            await stream.WriteAsync(_frame.WrittenMemory, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _frame.Reset();
        }
    }

    /// <summary>Ends the request body: END_STREAM after the messages written so far.</summary>
    public void CompleteRequest() => _end.TrySetResult();

    /// <summary>The call is over: a pending or later write fails; an unfinished body ends or (after a failure) is abandoned.</summary>
    public void Finish(bool succeeded)
    {
        _stream.TrySetCanceled();
        if (succeeded)
        {
            _end.TrySetResult();
        }
        else
        {
            _end.TrySetCanceled();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Send the request headers now: the server may answer before the first message is written.
        await stream.FlushAsync(cancellationToken);
        if (!_stream.TrySetResult(stream))
        {
            throw new InvalidOperationException("A streaming gRPC request body cannot be sent twice.");
        }

        await _end.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
