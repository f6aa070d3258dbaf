using System.Buffers;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Removes the fields a caller may not see from serialized messages of one type. Instances are
/// immutable and thread-safe; get one from <see cref="EgressFilter"/> per call.
/// </summary>
internal interface IMessageFilter
{
    /// <summary>
    /// True when no message of the type can hold a field the caller may not see: <see cref="Filter"/>
    /// copies the bytes unchanged, and a forwarder may copy the body without reading frames at all.
    /// </summary>
    bool PassesThrough { get; }

    /// <summary>
    /// Writes <paramref name="message"/> (one serialized message, without the gRPC frame prefix) to
    /// <paramref name="output"/>, minus the fields the caller may not see, and returns the bytes written
    /// (never more than the input). <paramref name="removedPaths"/> lists the distinct paths of removed
    /// fields (<c>report.accounts[].account_number</c>), empty when nothing was removed. Throws
    /// <see cref="Grpc.RpcException"/> with INTERNAL when the bytes are not valid protobuf; nothing is
    /// written then.
    /// </summary>
    int Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output, out IReadOnlyList<string> removedPaths);
}
