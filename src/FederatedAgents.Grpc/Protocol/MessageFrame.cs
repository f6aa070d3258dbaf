using System.Buffers;
using System.Buffers.Binary;

namespace FederatedAgents.Grpc.Protocol;

/// <summary>
/// The length-prefixed message framing: 1 byte compressed flag, 4 bytes big-endian length, then
/// the message. Frame boundaries are unrelated to HTTP/2 DATA frame boundaries.
/// </summary>
public static class MessageFrame
{
    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/>. Returns false when more
    /// bytes are needed. Throws <see cref="RpcException"/> with RESOURCE_EXHAUSTED for a declared
    /// length above <paramref name="maxMessageSize"/> (before any of it is buffered) and INTERNAL for
    /// a flag byte other than 0 or 1.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message, out bool compressed)
    {
        message = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal,
                $"Invalid message prefix: compressed flag is {header[0]}, expected 0 or 1."),
        };

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum message size of {maxMessageSize} bytes.");
        }

        if (buffer.Length < GrpcProtocol.MessageHeaderSize + length)
        {
            return false;
        }

        message = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>The error for a stream that ended inside a message.</summary>
    public static RpcException Truncated(long bufferedBytes) =>
        new(StatusCode.Internal,
            $"Incomplete message: the stream ended after {bufferedBytes} bytes of an unfinished message frame.");
}
