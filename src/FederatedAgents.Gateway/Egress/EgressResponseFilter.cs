using System.Buffers;
using FederatedAgents.Gateway.Forwarding;

namespace FederatedAgents.Gateway.Egress;

/// <summary>One call's response filter: each message through <see cref="IMessageFilter"/>, collecting the distinct removed field paths.</summary>
internal sealed class EgressResponseFilter(IMessageFilter filter) : IResponseMessageFilter
{
    private readonly List<string> _removed = [];

    /// <summary>Paths of the fields removed so far (never values), for the audit record.</summary>
    public IReadOnlyList<string> RemovedPaths => _removed;

    public void Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output)
    {
        filter.Filter(message, output, out var removed);
        RemovedFieldPaths.Merge(_removed, removed);
    }
}
