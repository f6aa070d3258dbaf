using System.Buffers;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Egress;

/// <summary>Filters messages of one type for a caller who may not see every class the type holds.</summary>
internal sealed class MessageFilter : IMessageFilter
{
    private readonly MessagePlan _plan;
    private readonly ClassificationSet _visible;

    public MessageFilter(MessagePlan plan, ClassificationSet visible)
    {
        _plan = plan;
        _visible = visible;
    }

    public bool PassesThrough => false;

    public int Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output, out IReadOnlyList<string> removedPaths)
    {
        var length = checked((int)message.Length);
        byte[]? copy = null;
        if (!message.IsSingleSegment)
        {
            copy = ArrayPool<byte>.Shared.Rent(length);
            message.CopyTo(copy);
        }

        var bytes = copy is null ? message.FirstSpan : copy.AsSpan(0, length);
        var rewrite = new MessageRewrite(bytes, _visible);
        try
        {
            var size = rewrite.Measure(_plan);
            var destination = output.GetSpan(size);
            var written = size == length ? Copy(bytes, destination) : rewrite.Apply(destination);
            output.Advance(written);
            removedPaths = rewrite.Removed;
            return written;
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(
                new Status(StatusCode.Internal, $"The gateway cannot filter a {_plan.Descriptor.FullName} message: it is not valid protobuf: {ex.Message}."),
                innerException: ex);
        }
        finally
        {
            rewrite.Dispose();
            if (copy is not null)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }

    private static int Copy(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }
}
