using FederatedAgents.Grpc.Compression;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

public class CompressionTests
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";

    [Fact]
    public async Task Request_GzipMessage_Decompressed()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary,
            GrpcRaw.Frame(new EchoRequest { Message = "zipped" }, GzipCompressionProvider.Instance), ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("zipped", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task Request_GzipEncodingWithUncompressedMessage_Accepted()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "plain" }), ("grpc-encoding", "gzip"));

        Assert.Equal("plain", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task Request_CorruptGzip_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(1, [1, 2, 3, 4]), ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("gzip", response.StatusMessage);
        await BadInputTests.AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Request_GzipBombBeyondReceiveLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024));
        var bomb = new EchoRequest { Payload = ByteString.CopyFrom(new byte[1_000_000]) };

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(bomb, GzipCompressionProvider.Instance), ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        await BadInputTests.AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Response_ServerDefaultGzipAndClientAccepts_Compressed()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip"));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "squeeze", ResponseSize = 1000 }),
            ("grpc-accept-encoding", "identity, gzip"));

        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, response.Body[0]);
        Assert.True(response.Body.Length < 1000);
        Assert.Equal("squeeze", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task Response_ServerDefaultGzipButClientDoesNotAccept_Uncompressed()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip"));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "plain" }), ("grpc-accept-encoding", "identity"));

        Assert.False(response.Headers.Contains("grpc-encoding"));
        Assert.Equal(0, response.Body[0]);
        Assert.Equal("plain", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task Response_HandlerChoosesGzipForItsCall_Compressed()
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        var compressed = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "compress" }), ("grpc-accept-encoding", "gzip"));
        var plain = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "other" }), ("grpc-accept-encoding", "gzip"));

        Assert.Equal(1, compressed.Body[0]);
        Assert.Equal("compress", compressed.Message(EchoResponse.Parser).Message);
        Assert.Equal(0, plain.Body[0]);
    }
}
