using System.IO.Compression;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.Tests.Client;

public class CompressionTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);
    private static readonly Method<string, string> s_clientStreaming = GrpcWire.Method(MethodType.ClientStreaming);

    /// <summary>The request's grpc-encoding and each message's compressed flag, read off the raw body.</summary>
    private static async Task<(string Encoding, List<bool> Flags)> ReadRawRequestAsync(HttpContext context)
    {
        var encoding = context.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        var flags = new List<bool>();
        var body = context.Request.BodyReader;
        while (true)
        {
            var result = await body.ReadAsync(context.RequestAborted);
            var buffer = result.Buffer;
            while (MessageFrame.TryRead(ref buffer, int.MaxValue, out _, out var compressed))
            {
                flags.Add(compressed);
            }

            body.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return (encoding, flags);
            }
        }
    }

    [Fact]
    public async Task AsyncClientStreamingCall_RequestCompressionGzip_EveryMessageCompressedAndFlagged()
    {
        (string Encoding, List<bool> Flags) seen = default;
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            seen = await ReadRawRequestAsync(context);
            await GrpcWire.WriteMessageAsync(context, "ok");
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(s_clientStreaming, new CallOptions { RequestCompression = "gzip" });

        await call.RequestStream.WriteAsync(new string('a', 1000), TestContext.Current.CancellationToken).Bounded();
        await call.RequestStream.WriteAsync("b", TestContext.Current.CancellationToken).Bounded();
        await call.RequestStream.CompleteAsync().Bounded();

        Assert.Equal("ok", await call.ResponseAsync.Bounded());
        Assert.Equal("gzip", seen.Encoding);
        Assert.Equal([true, true], seen.Flags);
    }

    [Fact]
    public async Task AsyncUnaryCall_RequestCompression_ServerDecompressesTheMessage()
    {
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            var message = Assert.Single(await GrpcWire.ReadMessagesAsync(context));
            await GrpcWire.WriteMessageAsync(context, message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, new CallOptions { RequestCompression = "gzip" }, new string('z', 5000));

        Assert.Equal("5000", await call.ResponseAsync.Bounded());
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipResponse_IsDecompressedByTheChannelProvider()
    {
        var provider = new CountingGzipProvider();
        await using var endpoint = await TestEndpoint.StartAsync(async context =>
        {
            await GrpcWire.ReadMessagesAsync(context);
            context.Response.Headers[GrpcProtocol.EncodingHeader] = "gzip";
            await GrpcWire.WriteMessageAsync(context, "squeezed", GzipCompressionProvider.Instance);
            GrpcWire.EndCall(context, StatusCode.OK);
        });
        using var channel = endpoint.CreateChannel(new GrpcChannelOptions { CompressionProviders = [provider] });

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");

        Assert.Equal("squeezed", await call.ResponseAsync.Bounded());
        Assert.Equal(1, provider.Decompressions);
    }

    [Fact]
    public void AsyncUnaryCall_UnknownRequestCompression_ThrowsNamingTheFix()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var ex = Assert.Throws<ArgumentException>(
            () => channel.CreateCallInvoker().AsyncUnaryCall(s_unary, new CallOptions { RequestCompression = "br" }, "ping"));

        Assert.Contains("'br'", ex.Message);
        Assert.Contains("CompressionProviders", ex.Message);
    }

    /// <summary>gzip under its usual name, counting how often the channel decompresses with it.</summary>
    internal sealed class CountingGzipProvider : ICompressionProvider
    {
        private int _decompressions;

        public int Decompressions => Volatile.Read(ref _decompressions);

        public string EncodingName => "gzip";

        public Stream CreateCompressionStream(Stream destination, CompressionLevel level) =>
            GzipCompressionProvider.Instance.CreateCompressionStream(destination, level);

        public Stream CreateDecompressionStream(Stream source)
        {
            Interlocked.Increment(ref _decompressions);
            return GzipCompressionProvider.Instance.CreateDecompressionStream(source);
        }
    }
}
