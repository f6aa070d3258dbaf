using System.Buffers;

namespace FederatedAgents.Gateway.Egress;

/// <summary>The filter of a type the caller may see all of: bytes pass unchanged, nothing is parsed.</summary>
internal sealed class PassThroughFilter : IMessageFilter
{
    public static readonly PassThroughFilter Instance = new();

    private PassThroughFilter()
    {
    }

    public bool PassesThrough => true;

    public int Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output, out IReadOnlyList<string> removedPaths)
    {
        removedPaths = [];
        foreach (var segment in message)
        {
            output.Write(segment.Span);
        }

        return (int)message.Length;
    }
}
