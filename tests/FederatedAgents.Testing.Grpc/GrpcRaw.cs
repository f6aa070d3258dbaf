using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Google.Protobuf;

namespace FederatedAgents.Testing.Grpc;

/// <summary>gRPC by hand over HttpClient: frames built with the wire primitives, responses read whole.</summary>
public static class GrpcRaw
{
    public static byte[] Frame<T>(T message, ICompressionProvider? compressor = null)
        where T : IMessage<T>, new()
    {
        var output = new ArrayBufferWriter<byte>();
        var marshaller = Marshallers.ForProtobuf(new MessageParser<T>(() => new T()));
        GrpcMessageWriter.Write(output, message, marshaller, int.MaxValue, compressor);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A frame with any flag byte and declared length, for malformed input.</summary>
    public static byte[] Frame(byte flag, byte[] payload, int? declaredLength = null)
    {
        var frame = new byte[GrpcProtocol.MessageHeaderSize + payload.Length];
        MessageFrame.WriteHeader(frame, compressed: false, declaredLength ?? payload.Length);
        frame[0] = flag;
        payload.CopyTo(frame, GrpcProtocol.MessageHeaderSize);
        return frame;
    }

    public static HttpRequestMessage Request(string path, HttpContent content, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcProtocol.TeTrailers));
        content.Headers.ContentType ??= new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static Task<GrpcRawResponse> CallAsync(this HttpClient client, string path, byte[] body, params (string Name, string Value)[] headers) =>
        client.CallAsync(Request(path, new ByteArrayContent(body), headers));

    public static async Task<GrpcRawResponse> CallAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.StartAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken).Bounded();
        var messages = new GrpcMessageReader(PipeReader.Create(new ReadOnlySequence<byte>(body)), int.MaxValue, Decompressor(response));
        return new GrpcRawResponse(response, body, await messages.ReadAllPayloadsAsync());
    }

    /// <summary>Sends a request and returns once the response headers arrive; the body is read by the test.</summary>
    public static Task<HttpResponseMessage> StartAsync(this HttpClient client, HttpRequestMessage request) =>
        client.StartCancellableAsync(request, TestContext.Current.CancellationToken);

    /// <summary>As <see cref="StartAsync"/>; cancelling <paramref name="cancellationToken"/> resets the stream.</summary>
    public static Task<HttpResponseMessage> StartCancellableAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The client's defaults only apply to requests it builds itself.
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).Bounded();
    }

    /// <summary>Reads response messages one at a time from a response still streaming.</summary>
    public static async Task<GrpcMessageReader> MessagesAsync(HttpResponseMessage response) =>
        new(PipeReader.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken).Bounded()), int.MaxValue, Decompressor(response));

    public static async Task<T?> NextAsync<T>(this GrpcMessageReader reader, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var (hasMessage, message) = await reader.ReadAsync(payload => parser.ParseFrom(payload), TestContext.Current.CancellationToken).Bounded();
        return hasMessage ? message : default;
    }

    /// <summary>The payloads of every message up to the end of the stream.</summary>
    public static async Task<List<byte[]>> ReadAllPayloadsAsync(this GrpcMessageReader reader)
    {
        var messages = new List<byte[]>();
        while (true)
        {
            var (hasMessage, message) = await reader.ReadAsync(payload => payload.ToArray(), CancellationToken.None).Bounded();
            if (!hasMessage)
            {
                return messages;
            }

            messages.Add(message);
        }
    }

    private static ICompressionProvider? Decompressor(HttpResponseMessage response) =>
        response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values)
            ? MessageCompression.Providers[values.Single()]
            : null;
}
