using System.Buffers;
using System.Net;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Protocol;
using FederatedAgents.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Grpc.Tests.Client;

public class GrpcChannelTests
{
    private static readonly Method<string, string> s_unary = GrpcWire.Method(MethodType.Unary);

    [Theory]
    [InlineData("ftp://agent.example", "http://")]
    [InlineData("agent.example:5000", "http://")]
    [InlineData("http://agent.example/prefix", "path")]
    [InlineData("https://agent.example?x=1", "query")]
    public void ForAddress_UnusableAddress_ThrowsNamingTheFix(string address, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress(address));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void ForAddress_CallerHandlerWithClientCertificates_ThrowsNamingTheOption()
    {
        using var handler = new SocketsHttpHandler();
        var options = new GrpcChannelOptions { HttpHandler = handler, ClientCertificates = [TestCertificates.CreateAuthority("c")] };

        var ex = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("https://agent.example", options));

        Assert.Contains("GrpcChannelOptions.ClientCertificates", ex.Message);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    public void ForAddress_NonPositiveMessageSize_ThrowsNamingTheOption(int? receive, int? send)
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = receive, MaxSendMessageSize = send };

        var ex = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://agent.example", options));

        Assert.Contains(receive is not null ? "MaxReceiveMessageSize" : "MaxSendMessageSize", ex.Message);
    }

    [Fact]
    public void ForAddress_SameCompressionTwice_Throws()
    {
        var options = new GrpcChannelOptions { CompressionProviders = [new CompressionTests.CountingGzipProvider(), new CompressionTests.CountingGzipProvider()] };

        var ex = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://agent.example", options));

        Assert.Contains("'gzip'", ex.Message);
    }

    [Fact]
    public void CreateCallInvoker_AfterDispose_ThrowsObjectDisposed()
    {
        var channel = GrpcChannel.ForAddress("http://agent.example");
        var invoker = channel.CreateCallInvoker();
        channel.Dispose();

        Assert.Throws<ObjectDisposedException>(() => channel.CreateCallInvoker());
        Assert.Throws<ObjectDisposedException>(() => invoker.AsyncUnaryCall(s_unary, default, "ping"));
    }

    [Fact]
    public void Create_KeepAliveAndConnectionOptions_ConfigureTheSocketsHandler()
    {
        var options = new GrpcChannelOptions
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = false,
        };

        using var handler = ChannelHttpHandler.Create(options, NullLogger.Instance);

        Assert.Equal(TimeSpan.FromSeconds(30), handler.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), handler.KeepAlivePingTimeout);
        Assert.False(handler.EnableMultipleHttp2Connections);
    }

    [Fact]
    public async Task AsyncUnaryCall_CallerHandler_SendsHttp2RequestThroughItAndLeavesItUndisposed()
    {
        var handler = new CannedHandler();
        using (var channel = GrpcChannel.ForAddress("http://agent.example:5000", new GrpcChannelOptions { HttpHandler = handler }))
        {
            using var call = channel.CreateCallInvoker().AsyncUnaryCall(s_unary, default, "ping");
            Assert.Equal("canned", await call.ResponseAsync.Bounded());
        }

        Assert.Equal(new Uri("http://agent.example:5000/test.Wire/Call"), handler.Request!.RequestUri);
        Assert.Equal(HttpVersion.Version20, handler.Request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, handler.Request.VersionPolicy);
        Assert.False(handler.Disposed);
    }

    private sealed class CannedHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            var body = new ArrayBufferWriter<byte>();
            GrpcMessageWriter.Write(body, "canned", GrpcWire.Utf8, int.MaxValue, null);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body.WrittenSpan.ToArray()) };
            response.Content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
            response.TrailingHeaders.TryAddWithoutValidation(GrpcProtocol.StatusTrailer, "0");
            return Task.FromResult(response);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
