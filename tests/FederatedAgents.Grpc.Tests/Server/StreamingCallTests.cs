using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;

namespace FederatedAgents.Grpc.Tests.Server;

public class StreamingCallTests
{
    private const string ServerStream = "/federatedagents.testing.Echo/ServerStream";
    private const string ClientStream = "/federatedagents.testing.Echo/ClientStream";
    private const string Duplex = "/federatedagents.testing.Echo/Duplex";

    [Fact]
    public async Task ServerStream_ThreeResponses_EachFlushedThenOkTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(ServerStream, GrpcRaw.Frame(new EchoRequest { Message = "s", ResponseCount = 3 }));

        Assert.Equal([0, 1, 2], response.Messages.Select(m => EchoResponse.Parser.ParseFrom(m).Index));
        Assert.Equal("0", response.Trailers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task ServerStream_NoResponses_OkAsTrailersOnly()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(ServerStream, GrpcRaw.Frame(new EchoRequest { Message = "none" }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task ServerStream_FailsAfterMessages_StatusInTrailersAfterTheMessages()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(ServerStream,
            GrpcRaw.Frame(new EchoRequest { Message = "s", ResponseCount = 2, StatusCode = 10, StatusMessage = "aborted late" }));

        Assert.Equal(2, response.Messages.Count);
        Assert.Equal("10", response.Trailers.GetValues("grpc-status").Single());
        Assert.Equal("aborted late", response.StatusMessage);
    }

    [Fact]
    public async Task ClientStream_ThreeMessagesThenHalfClose_OneResponseCountingThem()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var content = new StreamingContent();
        foreach (var message in new[] { "a", "b", "c" })
        {
            content.Write(GrpcRaw.Frame(new EchoRequest { Message = message }));
        }

        content.Complete();
        var response = await server.Client.CallAsync(GrpcRaw.Request(ClientStream, content));

        Assert.Equal(StatusCode.OK, response.Status);
        var reply = response.Message(EchoResponse.Parser);
        Assert.Equal("a,b,c", reply.Message);
        Assert.Equal(3, reply.Received);
    }

    [Fact]
    public async Task ClientStream_MessageSplitAcrossWrites_Reassembled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var frame = GrpcRaw.Frame(new EchoRequest { Message = "split across data frames" });
        var content = new StreamingContent();

        var call = server.Client.CallAsync(GrpcRaw.Request(ClientStream, content));
        content.Write(frame[..3]);
        content.Write(frame[3..9]);
        content.Write(frame[9..]);
        content.Complete();
        var response = await call.Bounded();

        Assert.Equal("split across data frames", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task ClientStream_BodyBeyondKestrelsDefaultSizeLimit_Accepted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var content = new StreamingContent();
        var chunk = GrpcRaw.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[4_000_000]) });
        for (var i = 0; i < 8; i++)
        {
            content.Write(chunk);
        }

        content.Complete();
        var response = await server.Client.CallAsync(GrpcRaw.Request(ClientStream, content));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(8, response.Message(EchoResponse.Parser).Received);
    }

    [Fact]
    public async Task Duplex_PingPong_EachResponseBeforeTheNextRequest()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var content = new StreamingContent();

        // Response headers come with the first response, so the first request goes out before awaiting them.
        var start = server.Client.StartAsync(GrpcRaw.Request(Duplex, content));
        content.Write(GrpcRaw.Frame(new EchoRequest { Message = "one" }));
        using var response = await start;
        var messages = await GrpcRaw.MessagesAsync(response);
        Assert.Equal("one", (await messages.NextAsync(EchoResponse.Parser))!.Message);
        foreach (var ping in new[] { "two", "three" })
        {
            content.Write(GrpcRaw.Frame(new EchoRequest { Message = ping }));
            Assert.Equal(ping, (await messages.NextAsync(EchoResponse.Parser))!.Message);
        }

        content.Complete();
        Assert.Null(await messages.NextAsync(EchoResponse.Parser));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Duplex_ClientResetsMidStream_HandlerCancelledAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var reset = new CancellationTokenSource();
        var content = new StreamingContent();

        var start = server.Client.StartCancellableAsync(GrpcRaw.Request(Duplex, content), reset.Token);
        content.Write(GrpcRaw.Frame(new EchoRequest { Message = "ping" }));
        var response = await start;
        var messages = await GrpcRaw.MessagesAsync(response);
        Assert.Equal("ping", (await messages.NextAsync(EchoResponse.Parser))!.Message);
        content.Write(GrpcRaw.Frame(new EchoRequest { Message = "hang", WaitForCancellation = true }));
        await server.Observer.WaitAsync(CallEvents.Started, "hang");
        await reset.CancelAsync();
        response.Dispose();

        await server.Observer.WaitAsync(CallEvents.Cancelled, "hang");
        await server.Observer.WaitAsync(CallEvents.Finished, "hang");
        await BadInputTests.AssertStillServingAsync(server);
    }
}
