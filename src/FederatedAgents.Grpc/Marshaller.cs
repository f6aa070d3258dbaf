using System.Buffers;
using Google.Protobuf;

namespace FederatedAgents.Grpc;

/// <summary>Turns messages into bytes and back. Protobuf messages get one from <see cref="Marshallers"/>.</summary>
public abstract class Marshaller<T>
{
    private Func<ReadOnlySequence<byte>, T>? _deserializer;

    public abstract int GetSize(T message);

    /// <summary>Writes exactly <see cref="GetSize"/> bytes into <paramref name="destination"/>.</summary>
    public abstract void Serialize(T message, Span<byte> destination);

    /// <summary>Parses one message; throws <see cref="InvalidProtocolBufferException"/> (or similar) for bad bytes.</summary>
    public abstract T Deserialize(ReadOnlySequence<byte> payload);

    /// <summary><see cref="Deserialize"/> as a delegate created once, so readers do not allocate one per call.</summary>
    internal Func<ReadOnlySequence<byte>, T> Deserializer => _deserializer ??= Deserialize;
}

/// <summary>Marshallers for generated protobuf message types.</summary>
public static class Marshallers
{
    public static Marshaller<T> ForProtobuf<T>(MessageParser<T> parser)
        where T : IMessage<T> => new ProtobufMarshaller<T>(parser);

    private sealed class ProtobufMarshaller<T>(MessageParser<T> parser) : Marshaller<T>
        where T : IMessage<T>
    {
        public override int GetSize(T message) => message.CalculateSize();

        public override void Serialize(T message, Span<byte> destination) => message.WriteTo(destination);

        public override T Deserialize(ReadOnlySequence<byte> payload) => parser.ParseFrom(payload);
    }
}
