using System.IO.Pipelines;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Tests.Egress;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Egress;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>The request body sent on with a filter (calls leaving the organization): whole messages, filtered, however the bytes arrive.</summary>
public sealed class RequestBodyContentTests
{
    [Fact]
    public async Task Copy_WithFilterAndMessagesSplitAcrossReads_EveryMessageLeavesWithoutItsClassifiedFields()
    {
        var body = Frame(new TreeNode { Label = "one", Secret = "SECRET-1" }).Concat(Frame(new TreeNode { Label = "two", Secret = "SECRET-2" })).ToArray();
        var filter = new EgressFrameFilter(Filters.For(TreeNode.Descriptor), null, GrpcProtocol.DefaultMaxReceiveMessageSize);

        var sent = await SendAsync(filter, body, chunk: 7);

        var messages = Messages(sent);
        Assert.Equal(["one", "two"], messages.Select(m => m.Label));
        Assert.All(messages, m => Assert.Empty(m.Secret));
        Assert.Equal(["secret"], filter.RemovedPaths);
    }

    [Fact]
    public async Task Copy_WithFilterAndBodyEndingInsideAMessage_FailsWithInternal()
    {
        var filter = new EgressFrameFilter(Filters.For(TreeNode.Descriptor), null, GrpcProtocol.DefaultMaxReceiveMessageSize);
        var body = Frame(new TreeNode { Label = "cut" })[..^2];

        var failure = await Assert.ThrowsAsync<RpcException>(() => SendAsync(filter, body, chunk: 4));

        Assert.Equal(StatusCode.Internal, failure.StatusCode);
    }

    private static async Task<byte[]> SendAsync(EgressFrameFilter filter, byte[] body, int chunk)
    {
        var pipe = new Pipe();
        using var meter = new PayloadMeter(digest: false);
        using var content = new RequestBodyContent(pipe.Reader, meter, filter);
        using var sent = new MemoryStream();
        var copy = content.CopyToAsync(sent, TestContext.Current.CancellationToken);
        for (var i = 0; i < body.Length; i += chunk)
        {
            await pipe.Writer.WriteAsync(body.AsMemory(i, Math.Min(chunk, body.Length - i)), TestContext.Current.CancellationToken);
        }

        await pipe.Writer.CompleteAsync();
        await copy.Bounded();
        return sent.ToArray();
    }

    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[GrpcProtocol.MessageHeaderSize + payload.Length];
        MessageFrame.WriteHeader(frame, compressed: false, payload.Length);
        payload.CopyTo(frame, GrpcProtocol.MessageHeaderSize);
        return frame;
    }

    private static List<TreeNode> Messages(byte[] body)
    {
        var messages = new List<TreeNode>();
        var buffer = new System.Buffers.ReadOnlySequence<byte>(body);
        while (MessageFrame.TryRead(ref buffer, int.MaxValue, out var message, out _))
        {
            messages.Add(TreeNode.Parser.ParseFrom(message));
        }

        return messages;
    }
}
