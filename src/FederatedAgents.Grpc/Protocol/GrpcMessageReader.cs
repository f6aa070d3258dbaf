using System.Buffers;
using System.IO.Pipelines;
using FederatedAgents.Grpc.Compression;

namespace FederatedAgents.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a request or response body. One reader per stream; not
/// thread-safe. Errors surface as <see cref="RpcException"/> with the status the peer should see.
/// </summary>
public sealed class GrpcMessageReader
{
    private readonly PipeReader _reader;
    private readonly int _maxMessageSize;
    private readonly ICompressionProvider? _decompressor;

    /// <param name="decompressor">The provider named by the stream's <c>grpc-encoding</c>, or null for identity.</param>
    public GrpcMessageReader(PipeReader reader, int maxMessageSize, ICompressionProvider? decompressor)
    {
        _reader = reader;
        _maxMessageSize = maxMessageSize;
        _decompressor = decompressor;
    }

    /// <summary>
    /// Reads the next message and hands its payload to <paramref name="parse"/> (the payload is only
    /// valid during the call). Returns false, without calling it, at a clean end of stream.
    /// </summary>
    public async ValueTask<(bool HasMessage, T Message)> ReadAsync<T>(Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                if (MessageFrame.TryRead(ref buffer, _maxMessageSize, out var payload, out var compressed))
                {
                    var message = parse(compressed ? Decompress(payload) : payload);
                    _reader.AdvanceTo(buffer.Start);
                    return (true, message);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw MessageFrame.Truncated(buffer.Length);
                    }

                    _reader.AdvanceTo(buffer.End);
                    return (false, default!);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            catch
            {
                _reader.AdvanceTo(buffer.Start);
                throw;
            }
        }
    }

    private ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload)
    {
        if (_decompressor is null)
        {
            throw new RpcException(StatusCode.Internal,
                "Received a message with the compressed flag set, but the stream declared no grpc-encoding.");
        }

        return new ReadOnlySequence<byte>(MessageCompression.Decompress(payload, _decompressor, _maxMessageSize));
    }
}
