using System.Buffers;
using FederatedAgents.Grpc.Compression;

namespace FederatedAgents.Grpc.Protocol;

/// <summary>Writes one length-prefixed message into a buffer writer (a PipeWriter for HTTP bodies).</summary>
public static class GrpcMessageWriter
{
    /// <summary>
    /// Serializes and frames <paramref name="message"/>. Throws RESOURCE_EXHAUSTED when the serialized
    /// message exceeds <paramref name="maxMessageSize"/>. With a <paramref name="compressor"/>, the
    /// message is compressed and flagged.
    /// </summary>
    public static void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, int maxMessageSize, ICompressionProvider? compressor)
    {
        var size = marshaller.GetSize(message);
        if (size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum message size of {maxMessageSize} bytes.");
        }

        if (compressor is null)
        {
            var span = output.GetSpan(GrpcProtocol.MessageHeaderSize + size);
            MessageFrame.WriteHeader(span, compressed: false, size);
            marshaller.Serialize(message, span.Slice(GrpcProtocol.MessageHeaderSize, size));
            output.Advance(GrpcProtocol.MessageHeaderSize + size);
            return;
        }

        var plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            marshaller.Serialize(message, plain.AsSpan(0, size));
            WriteCompressed(output, MessageCompression.Compress(plain.AsSpan(0, size), compressor));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private static void WriteCompressed(IBufferWriter<byte> output, byte[] compressed)
    {
        var span = output.GetSpan(GrpcProtocol.MessageHeaderSize + compressed.Length);
        MessageFrame.WriteHeader(span, compressed: true, compressed.Length);
        compressed.CopyTo(span[GrpcProtocol.MessageHeaderSize..]);
        output.Advance(GrpcProtocol.MessageHeaderSize + compressed.Length);
    }
}
