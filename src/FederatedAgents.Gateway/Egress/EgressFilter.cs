using System.Collections.Concurrent;
using FederatedAgents.Grpc;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Hands out the filter for one call's messages: those of the method's input or output type, for a
/// caller who may see <c>visible</c> (<see cref="Disclosure.VisibleTo"/> of its token's scopes). The
/// rules of each message type are computed once, on first use, and shared.
/// </summary>
/// <remarks>
/// Fail closed: where a route requires filtering (messages leaving the organization), a method the
/// gateway has no descriptor for is refused before anything is forwarded (<see cref="For(string, MessageDirection, ClassificationSet)"/>
/// throws UNIMPLEMENTED); malformed messages end the call with INTERNAL instead of passing unfiltered.
/// </remarks>
internal sealed class EgressFilter
{
    private readonly ConcurrentDictionary<MessageDescriptor, MessagePlan> _plans = new();
    private readonly DescriptorRegistry _descriptors;

    public EgressFilter(DescriptorRegistry descriptors) => _descriptors = descriptors;

    /// <summary>
    /// The filter for the method at <paramref name="methodPath"/> (<c>/pkg.Service/Method</c>). Throws
    /// <see cref="RpcException"/> with UNIMPLEMENTED when the registry does not know the method.
    /// </summary>
    public IMessageFilter For(string methodPath, MessageDirection direction, ClassificationSet visible)
    {
        if (!_descriptors.TryFindMethod(methodPath, out var method))
        {
            throw new RpcException(StatusCode.Unimplemented,
                $"The gateway has no descriptor for {methodPath}, so it cannot remove classified fields from its messages and does not "
                + "forward the call out of the organization. Load the service's descriptors into the gateway (a descriptor set file or compiled contracts).");
        }

        return For(method, direction, visible);
    }

    public IMessageFilter For(MethodDescriptor method, MessageDirection direction, ClassificationSet visible) =>
        For(direction == MessageDirection.Request ? method.InputType : method.OutputType, visible);

    /// <summary>The filter for messages of <paramref name="type"/>; a shared pass-through filter when the caller may see all it holds.</summary>
    public IMessageFilter For(MessageDescriptor type, ClassificationSet visible)
    {
        var plan = _plans.GetOrAdd(type, MessagePlanBuilder.Build);
        return visible.Covers(plan.Reach) ? PassThroughFilter.Instance : new MessageFilter(plan, visible);
    }
}
