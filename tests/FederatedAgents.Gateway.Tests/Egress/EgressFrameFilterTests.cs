using System.Buffers;
using System.Buffers.Binary;
using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Google.Protobuf;

namespace FederatedAgents.Gateway.Tests.Egress;

public class EgressFrameFilterTests
{
    private const int MaxMessageSize = 64 * 1024;

    private static readonly AssessResponse s_sample = CreditReports.Sample();

    [Fact]
    public void Filter_SeveralFrames_EachFilteredWithItsNewLength()
    {
        var second = new AssessResponse { Decision = Decision.Decline, ModelVersion = "v2" };
        var buffer = new ReadOnlySequence<byte>([.. Frame(s_sample.ToByteArray()), .. Frame(second.ToByteArray())]);
        var frames = NewFilter();
        var output = new ArrayBufferWriter<byte>();

        frames.Filter(ref buffer, output);

        Assert.True(buffer.IsEmpty);
        var messages = ReadFrames(output.WrittenMemory);
        Assert.Equal(2, messages.Count);
        Assert.Equal(Filters.Run(AssessResponse.Descriptor, s_sample.ToByteArray()).Bytes, messages[0]);
        Assert.Equal(new AssessResponse { Decision = Decision.Decline }, AssessResponse.Parser.ParseFrom(messages[1]));
    }

    [Fact]
    public void Filter_FramesSplitAcrossReads_IncompleteFrameWaitsForTheRest()
    {
        var stream = Frame(s_sample.ToByteArray()).Concat(Frame(s_sample.ToByteArray())).ToArray();
        var frames = NewFilter();
        var output = new ArrayBufferWriter<byte>();
        var pending = Array.Empty<byte>();

        // Feed the stream in 7-byte reads, keeping what the filter leaves, as a forwarder does with a PipeReader.
        foreach (var chunk in stream.Chunk(7))
        {
            var buffer = new ReadOnlySequence<byte>([.. pending, .. chunk]);
            frames.Filter(ref buffer, output);
            pending = buffer.ToArray();
        }

        Assert.Empty(pending);
        var expected = Filters.Run(AssessResponse.Descriptor, s_sample.ToByteArray()).Bytes;
        Assert.Equal([expected, expected], ReadFrames(output.WrittenMemory));
    }

    [Fact]
    public void Filter_CompressedFrame_DecompressedFilteredAndWrittenUncompressed()
    {
        var compressed = MessageCompression.Compress(s_sample.ToByteArray(), GzipCompressionProvider.Instance);
        var buffer = new ReadOnlySequence<byte>(Frame(compressed, compressedFlag: true));
        var output = new ArrayBufferWriter<byte>();

        NewFilter(GzipCompressionProvider.Instance).Filter(ref buffer, output);

        Assert.Equal(0, output.WrittenSpan[0]);
        var message = Assert.Single(ReadFrames(output.WrittenMemory));
        Assert.Equal(Filters.Run(AssessResponse.Descriptor, s_sample.ToByteArray()).Bytes, message);
    }

    [Fact]
    public void Filter_CompressedFrameWithoutEncoding_ThrowsInternal()
    {
        var buffer = new ReadOnlySequence<byte>(Frame(s_sample.ToByteArray(), compressedFlag: true));

        var ex = Assert.Throws<RpcException>(() => NewFilter().Filter(ref buffer, new ArrayBufferWriter<byte>()));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("no grpc-encoding", ex.Status.Detail);
    }

    [Fact]
    public void Filter_MalformedMessageInFrame_ThrowsInternal()
    {
        var buffer = new ReadOnlySequence<byte>(Frame([0x2A, 0x09, 0x01]));

        var ex = Assert.Throws<RpcException>(() => NewFilter().Filter(ref buffer, new ArrayBufferWriter<byte>()));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public void RemovedPaths_SeveralMessages_DistinctUnion()
    {
        var first = new AssessResponse { ModelVersion = "v1" };
        var second = new AssessResponse { ModelVersion = "v2", Report = new CreditReport { NationalId = "N" } };
        var buffer = new ReadOnlySequence<byte>([.. Frame(first.ToByteArray()), .. Frame(second.ToByteArray())]);
        var frames = NewFilter();

        frames.Filter(ref buffer, new ArrayBufferWriter<byte>());

        Assert.Equal(["model_version", "report.national_id"], frames.RemovedPaths);
    }

    private static EgressFrameFilter NewFilter(ICompressionProvider? decompressor = null) =>
        new(Filters.For(AssessResponse.Descriptor), decompressor, MaxMessageSize);

    private static byte[] Frame(byte[] message, bool compressedFlag = false)
    {
        var frame = new byte[GrpcProtocol.MessageHeaderSize + message.Length];
        MessageFrame.WriteHeader(frame, compressedFlag, message.Length);
        message.CopyTo(frame, GrpcProtocol.MessageHeaderSize);
        return frame;
    }

    private static List<byte[]> ReadFrames(ReadOnlyMemory<byte> stream)
    {
        var messages = new List<byte[]>();
        while (!stream.IsEmpty)
        {
            Assert.Equal(0, stream.Span[0]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(stream.Span[1..]);
            messages.Add(stream.Slice(GrpcProtocol.MessageHeaderSize, length).ToArray());
            stream = stream[(GrpcProtocol.MessageHeaderSize + length)..];
        }

        return messages;
    }
}
