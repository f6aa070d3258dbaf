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
                    var message = Parse(payload, compressed, _decompressor, _maxMessageSize, parse);
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

    /// <summary>
    /// Reads a stream that must carry exactly one message (the request of a unary or server-streaming call):
    /// waits for the end of the stream, then parses that message, in one pass and without a reader instance.
    /// Returns how many messages the stream carries: 0, 1, or 2 for "more than one" (the others are not parsed;
    /// bytes after the first message end the read at once).
    /// </summary>
    public static async ValueTask<(int Count, T Message)> ReadSingleAsync<T>(
        PipeReader reader, int maxMessageSize, ICompressionProvider? decompressor, Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                var rest = buffer;
                var hasMessage = MessageFrame.TryRead(ref rest, maxMessageSize, out var payload, out var compressed);
                if (hasMessage && !rest.IsEmpty)
                {
                    reader.AdvanceTo(buffer.Start);
                    return (2, default!);
                }

                if (!result.IsCompleted && !result.IsCanceled)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                if (!hasMessage && !buffer.IsEmpty)
                {
                    throw MessageFrame.Truncated(buffer.Length);
                }

                var message = hasMessage ? Parse(payload, compressed, decompressor, maxMessageSize, parse) : default!;
                reader.AdvanceTo(buffer.End);
                return (hasMessage ? 1 : 0, message);
            }
            catch
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }
        }
    }

    private static T Parse<T>(
        ReadOnlySequence<byte> payload, bool compressed, ICompressionProvider? decompressor, int maxMessageSize, Func<ReadOnlySequence<byte>, T> parse)
    {
        if (!compressed)
        {
            return parse(payload);
        }

        if (decompressor is null)
        {
            throw new RpcException(StatusCode.Internal,
                "Received a message with the compressed flag set, but the stream declared no grpc-encoding.");
        }

        return parse(new ReadOnlySequence<byte>(MessageCompression.Decompress(payload, decompressor, maxMessageSize)));
    }
}
