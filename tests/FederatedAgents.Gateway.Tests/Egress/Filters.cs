using System.Buffers;
using FederatedAgents.Gateway.Egress;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>Runs the egress filter the way the forwarder will: per message type, for a caller's scopes.</summary>
internal static class Filters
{
    private static readonly EgressFilter s_egress = new(new DescriptorRegistry([]));

    public static IMessageFilter For(MessageDescriptor type, params string[] scopes) => s_egress.For(type, Disclosure.VisibleTo(scopes));

    public static (byte[] Bytes, IReadOnlyList<string> Removed) Run(IMessageFilter filter, byte[] message) =>
        Run(filter, new ReadOnlySequence<byte>(message));

    public static (byte[] Bytes, IReadOnlyList<string> Removed) Run(IMessageFilter filter, ReadOnlySequence<byte> message)
    {
        var output = new ArrayBufferWriter<byte>();
        var written = filter.Filter(message, output, out var removed);
        Assert.Equal(output.WrittenCount, written);
        return (output.WrittenSpan.ToArray(), removed);
    }

    public static (byte[] Bytes, IReadOnlyList<string> Removed) Run(MessageDescriptor type, byte[] message, params string[] scopes) =>
        Run(For(type, scopes), message);
}
