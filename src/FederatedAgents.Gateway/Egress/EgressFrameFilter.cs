using System.Buffers;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Filters a stream of length-prefixed gRPC messages (a request or response body) one whole message
/// at a time. One instance per stream; not thread-safe. Use it when the call's filter does not pass
/// through; otherwise copy the body as it is (this class would decompress compressed messages for nothing).
/// </summary>
/// <remarks>
/// A compressed message (flag 1) is decompressed with the provider named by the stream's
/// <c>grpc-encoding</c>, filtered, and written uncompressed (flag 0). A flag of 0 is valid under any
/// <c>grpc-encoding</c>, so the forwarder passes that header on unchanged (and must not drop it: a
/// body copied as it is keeps its compressed messages).
/// </remarks>
internal sealed class EgressFrameFilter
{
    private readonly IMessageFilter _filter;
    private readonly ICompressionProvider? _decompressor;
    private readonly int _maxMessageSize;
    private readonly List<string> _removedPaths = [];

    /// <param name="decompressor">The provider named by the stream's <c>grpc-encoding</c> (<see cref="MessageCompression.Providers"/>), or null for identity or an unknown encoding.</param>
    /// <param name="maxMessageSize">Limit on each message, compressed and decompressed: RESOURCE_EXHAUSTED above it.</param>
    public EgressFrameFilter(IMessageFilter filter, ICompressionProvider? decompressor, int maxMessageSize)
    {
        _filter = filter;
        _decompressor = decompressor;
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Distinct paths of the fields removed from the stream's messages so far, for the audit record.</summary>
    public IReadOnlyList<string> RemovedPaths => _removedPaths;

    /// <summary>
    /// Filters every whole message at the start of <paramref name="buffer"/> into <paramref name="output"/>
    /// and moves <paramref name="buffer"/> past them; an incomplete message stays for the next call
    /// (advance the reader to <c>buffer.Start</c>, examined to <c>buffer.End</c>). At the end of the
    /// stream a non-empty remainder is an error: <see cref="MessageFrame.Truncated"/>. Throws
    /// <see cref="RpcException"/>: INTERNAL for malformed frames, messages or compressed data, or a
    /// compressed message without a known <c>grpc-encoding</c>; RESOURCE_EXHAUSTED above the size limit.
    /// </summary>
    public void Filter(ref ReadOnlySequence<byte> buffer, IBufferWriter<byte> output)
    {
        while (MessageFrame.TryRead(ref buffer, _maxMessageSize, out var message, out var compressed))
        {
            if (compressed)
            {
                message = new ReadOnlySequence<byte>(Decompress(message));
            }

            var frame = output.GetMemory(GrpcProtocol.MessageHeaderSize + (int)message.Length);
            var body = new MemoryBufferWriter(frame[GrpcProtocol.MessageHeaderSize..]);
            var written = _filter.Filter(message, body, out var removed);
            MessageFrame.WriteHeader(frame.Span, compressed: false, written);
            output.Advance(GrpcProtocol.MessageHeaderSize + written);
            RemovedFieldPaths.Merge(_removedPaths, removed);
        }
    }

    private byte[] Decompress(ReadOnlySequence<byte> message)
    {
        if (_decompressor is null)
        {
            throw new RpcException(StatusCode.Internal,
                "A message has the compressed flag set, but the stream declared no grpc-encoding this gateway supports, so it cannot be filtered.");
        }

        return MessageCompression.Decompress(message, _decompressor, _maxMessageSize);
    }
}
