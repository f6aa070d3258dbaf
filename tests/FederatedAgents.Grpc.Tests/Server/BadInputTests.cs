using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

/// <summary>Malformed or hostile input: each gets the right status, and the server keeps serving.</summary>
public class BadInputTests
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";
    private const string ClientStream = "/federatedagents.testing.Echo/ClientStream";

    internal static async Task AssertStillServingAsync(GrpcTestServer server)
    {
        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "still here" }));
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("still here", response.Message(EchoResponse.Parser).Message);
    }

    [Fact]
    public async Task Call_TruncatedFrameHeader_InternalAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, [0, 0, 0]);

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("Incomplete message", response.StatusMessage);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_LengthPrefixBeyondBody_InternalAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(0, [0x0A, 0x01, 0x61], declaredLength: 100));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("Incomplete message", response.StatusMessage);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_CompressedFlagWithoutGrpcEncoding_InternalNamingTheHeader()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(1, new EchoRequest { Message = "x" }.ToByteArray()));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("grpc-encoding", response.StatusMessage);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_InvalidFlagByte_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(2, [0x0A, 0x00]));

        Assert.Equal(StatusCode.Internal, response.Status);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_MessageOverDefaultReceiveLimit_ResourceExhaustedAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var oversized = new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) };

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(oversized));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        Assert.Contains("4194304", response.StatusMessage);
        Assert.False(server.Observer.Happened(CallEvents.Started, ""));
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_MessageOverConfiguredReceiveLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.MaxReceiveMessageSize = 100));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task ClientStream_OversizedSecondMessage_ResourceExhaustedAfterTheFirstWasRead()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.MaxReceiveMessageSize = 100));
        var content = new StreamingContent();
        content.Write(GrpcRaw.Frame(new EchoRequest { Message = "small" }));
        content.Write(GrpcRaw.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }));
        content.Complete();

        var response = await server.Client.CallAsync(GrpcRaw.Request(ClientStream, content));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        await server.Observer.WaitAsync(CallEvents.Finished, "small");
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_ResponseOverSendLimit_ResourceExhaustedTrailersOnly()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.MaxSendMessageSize = 100));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { ResponseSize = 200 }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        Assert.Contains("maximum message size of 100", response.StatusMessage);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Call_InvalidProtobuf_InternalFailedToDeserialize()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(0, [0xFF, 0xFF, 0xFF]));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Equal("Failed to deserialize the request message.", response.StatusMessage);
        await server.Logs.WaitForAsync(1010);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Unary_NoRequestMessage_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, []);

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Equal($"The request of {Unary} ended without a message; this method takes exactly one request message.", response.StatusMessage);
    }

    [Fact]
    public async Task Unary_TwoRequestMessages_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var one = GrpcRaw.Frame(new EchoRequest { Message = "a" });

        var response = await server.Client.CallAsync(Unary, [.. one, .. one]);

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("more than one message", response.StatusMessage);
    }

    [Fact]
    public async Task Call_UnknownGrpcEncoding_UnimplementedListingAcceptedEncodings()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(1, [1, 2, 3]), ("grpc-encoding", "br"));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Contains("'br'", response.StatusMessage);
        Assert.Equal("identity,gzip", string.Join(",", response.Headers.GetValues("grpc-accept-encoding")));
        await AssertStillServingAsync(server);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("10 S")]
    public async Task Call_MalformedTimeout_InternalNamingTheHeader(string timeout)
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "timeout" }), ("grpc-timeout", timeout));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.StartsWith($"The grpc-timeout header '{timeout}' is malformed", response.StatusMessage);
        Assert.False(server.Observer.Happened(CallEvents.Started, "timeout"));
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Unary_ClientResetsWhileHandlerRuns_HandlerCancelledAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var reset = new CancellationTokenSource();
        var request = GrpcRaw.Request(Unary, new ByteArrayContent(GrpcRaw.Frame(new EchoRequest { Message = "reset", WaitForCancellation = true })));

        var call = server.Client.StartCancellableAsync(request, reset.Token);
        await server.Observer.WaitAsync(CallEvents.Started, "reset");
        await reset.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await server.Observer.WaitAsync(CallEvents.Cancelled, "reset");
        await server.Observer.WaitAsync(CallEvents.Finished, "reset");
        await server.Logs.WaitForAsync(1001, e => e.Message.Contains("Cancelled", StringComparison.Ordinal));
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task ClientStream_ClientResetsMidStream_ReadIsCancelledAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var reset = new CancellationTokenSource();
        var content = new StreamingContent();
        content.Write(GrpcRaw.Frame(new EchoRequest { Message = "first" }));

        var call = server.Client.StartCancellableAsync(GrpcRaw.Request(ClientStream, content), reset.Token);
        await server.Observer.WaitAsync(CallEvents.Started, "first");
        await reset.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await server.Observer.WaitAsync(CallEvents.Cancelled, "first");
        await server.Observer.WaitAsync(CallEvents.Finished, "first");
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task ServerStream_ClientResetsWhileServerIsBlockedWriting_WriteFailsAndServerKeepsServing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var reset = new CancellationTokenSource();
        var flood = new EchoRequest { Message = "flood", ResponseCount = 10_000, ResponseSize = 64 * 1024 };
        var request = GrpcRaw.Request("/federatedagents.testing.Echo/ServerStream", new ByteArrayContent(GrpcRaw.Frame(flood)));

        using var response = await server.Client.StartCancellableAsync(request, reset.Token);
        var messages = await GrpcRaw.MessagesAsync(response);
        Assert.Equal(0, (await messages.NextAsync(EchoResponse.Parser))!.Index);
        await reset.CancelAsync();
        response.Dispose();

        var failure = await server.Observer.WaitAsync("write-failed", "flood");
        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        await AssertStillServingAsync(server);
    }
}
