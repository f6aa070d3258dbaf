using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>A request body the test writes while the call runs: each chunk is sent (and flushed) as written.</summary>
public sealed class StreamingContent : HttpContent
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>();

    public StreamingContent() => Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);

    public void Write(byte[] chunk) => _chunks.Writer.TryWrite(chunk);

    /// <summary>Ends the request stream (END_STREAM, the client's half-close).</summary>
    public void Complete() => _chunks.Writer.TryComplete();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
