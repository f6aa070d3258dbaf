using System.Net;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// A request body of exactly one message, framed up front into a pooled buffer. The buffer goes back
/// to the pool once the content is disposed and no send (the handler may retry one) still reads it.
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly PooledBufferWriter _frame = new();
    private int _holders = 1;
    private bool _disposed;

    private UnaryRequestContent()
    {
    }

    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is over <paramref name="maxMessageSize"/>.</exception>
    public static UnaryRequestContent Create<T>(T message, Marshaller<T> marshaller, int maxMessageSize, ICompressionProvider? compressor)
    {
        var content = new UnaryRequestContent();
        try
        {
            GrpcMessageWriter.Write(content._frame, message, marshaller, maxMessageSize, compressor);
            return content;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Hold();
        try
        {
            await stream.WriteAsync(_frame.WrittenMemory, cancellationToken);
        }
        finally
        {
            Release();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Release();
        }

        base.Dispose(disposing);
    }

    private void Hold()
    {
        int holders;
        do
        {
            holders = Volatile.Read(ref _holders);
            ObjectDisposedException.ThrowIf(holders == 0, this);
        }
        while (Interlocked.CompareExchange(ref _holders, holders + 1, holders) != holders);
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            _frame.Reset();
        }
    }
}
