using System.Buffers;
using System.IO.Pipelines;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Grpc.Tests.Protocol;

public class GrpcMessageReaderTests
{
    private static async Task<List<byte[]>> ReadAll(IEnumerable<byte[]> chunks, int maxSize = 1024, ICompressionProvider? decompressor = null)
    {
        var pipe = new Pipe();
        foreach (var chunk in chunks)
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        return await new GrpcMessageReader(pipe.Reader, maxSize, decompressor).ReadAllPayloadsAsync();
    }

    [Fact]
    public async Task ReadAsync_MessagesSplitAcrossChunksAtEveryByte_ReassemblesThem()
    {
        var bytes = GrpcRaw.Frame(0, [1, 2, 3]).Concat(GrpcRaw.Frame(0, [])).Concat(GrpcRaw.Frame(0, [9])).ToArray();
        var messages = await ReadAll(bytes.Select(b => new[] { b }));
        Assert.Equal([[1, 2, 3], [], [9]], messages);
    }

    [Fact]
    public async Task ReadAsync_LengthPrefixBeyondBody_IsInternal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAll([GrpcRaw.Frame(0, [1, 2], declaredLength: 10)]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("Incomplete message", ex.Status.Detail);
    }

    [Fact]
    public async Task ReadAsync_TruncatedHeader_IsInternal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAll([[0, 0, 0]]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_IsResourceExhaustedBeforeBuffering()
    {
        var header = new byte[5];
        MessageFrame.WriteHeader(header, false, 2048);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAll([header], maxSize: 1024));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_CompressedFlagWithoutEncoding_IsInternal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAll([GrpcRaw.Frame(1, [1, 2, 3])]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("grpc-encoding", ex.Status.Detail);
    }

    [Fact]
    public async Task ReadAsync_InvalidFlagByte_IsInternal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAll([GrpcRaw.Frame(7, [1])]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_GzipMessage_Decompresses()
    {
        var compressed = MessageCompression.Compress([5, 6, 7], GzipCompressionProvider.Instance);
        var messages = await ReadAll([GrpcRaw.Frame(1, compressed)], decompressor: GzipCompressionProvider.Instance);
        Assert.Equal([[5, 6, 7]], messages);
    }

    [Fact]
    public async Task ReadAsync_GzipBombBeyondLimit_IsResourceExhausted()
    {
        var bomb = MessageCompression.Compress(new byte[1_000_000], GzipCompressionProvider.Instance);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ReadAll([GrpcRaw.Frame(1, bomb)], maxSize: 64 * 1024, decompressor: GzipCompressionProvider.Instance));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_CorruptGzip_IsInternal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ReadAll([GrpcRaw.Frame(1, [1, 2, 3, 4])], decompressor: GzipCompressionProvider.Instance));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    private static ValueTask<(int Count, byte[] Message)> ReadSingle(PipeReader reader, ICompressionProvider? decompressor = null) =>
        GrpcMessageReader.ReadSingleAsync(reader, 1024, decompressor, static payload => payload.ToArray(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ReadSingleAsync_MessageInPieces_ReturnsItOnlyOnceTheStreamEnds()
    {
        var pipe = new Pipe();
        var frame = GrpcRaw.Frame(0, [1, 2, 3]);
        var read = ReadSingle(pipe.Reader).AsTask();
        await pipe.Writer.WriteAsync(frame.AsMemory(0, 4), TestContext.Current.CancellationToken);
        await pipe.Writer.WriteAsync(frame.AsMemory(4), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(read.IsCompleted, "returned before the end of the stream");

        await pipe.Writer.CompleteAsync();
        var (count, message) = await read.Bounded();

        Assert.Equal(1, count);
        Assert.Equal([1, 2, 3], message);
    }

    [Fact]
    public async Task ReadSingleAsync_EmptyStream_CountsNone()
    {
        var pipe = new Pipe();
        await pipe.Writer.CompleteAsync();

        Assert.Equal(0, (await ReadSingle(pipe.Reader).Bounded()).Count);
    }

    [Fact]
    public async Task ReadSingleAsync_SecondMessage_CountsSeveralWithoutWaitingForTheEnd()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(GrpcRaw.Frame(0, [1]).Concat(GrpcRaw.Frame(0, [2])).ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal(2, (await ReadSingle(pipe.Reader).Bounded()).Count);
    }

    [Fact]
    public async Task ReadSingleAsync_StreamEndsInsideTheMessage_IsInternal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(GrpcRaw.Frame(0, [1, 2], declaredLength: 10), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await ReadSingle(pipe.Reader));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("Incomplete message", ex.Status.Detail);
    }

    [Fact]
    public async Task ReadSingleAsync_GzipMessage_Decompresses()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(GrpcRaw.Frame(1, MessageCompression.Compress([5, 6], GzipCompressionProvider.Instance)), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();

        Assert.Equal([5, 6], (await ReadSingle(pipe.Reader, GzipCompressionProvider.Instance).Bounded()).Message);
    }

    [Fact]
    public void Write_OverLimit_IsResourceExhausted()
    {
        var marshaller = Marshallers.ForProtobuf(Health.HealthCheckRequest.Parser);
        var message = new Health.HealthCheckRequest { Service = new string('x', 100) };
        var ex = Assert.Throws<RpcException>(
            () => GrpcMessageWriter.Write(new ArrayBufferWriter<byte>(), message, marshaller, 50, null));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task WriteThenRead_CompressedAndPlain_RoundTrip()
    {
        var marshaller = Marshallers.ForProtobuf(Health.HealthCheckRequest.Parser);
        var output = new ArrayBufferWriter<byte>();
        GrpcMessageWriter.Write(output, new Health.HealthCheckRequest { Service = "a" }, marshaller, 1024, null);
        GrpcMessageWriter.Write(output, new Health.HealthCheckRequest { Service = "b" }, marshaller, 1024, GzipCompressionProvider.Instance);

        var messages = await ReadAll([output.WrittenSpan.ToArray()], decompressor: GzipCompressionProvider.Instance);

        Assert.Equal(["a", "b"], messages.Select(m => Health.HealthCheckRequest.Parser.ParseFrom(m).Service));
    }
}
