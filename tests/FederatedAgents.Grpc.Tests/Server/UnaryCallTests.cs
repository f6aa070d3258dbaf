using System.Net;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Tests.Server;

public class UnaryCallTests
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";

    [Fact]
    public async Task Unary_Echo_SendsHeadersMessageAndOkTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "hello" }));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal("hello", response.Message(EchoResponse.Parser).Message);
        Assert.Single(response.Messages);
        Assert.Equal("0", response.Trailers.GetValues("grpc-status").Single());
        Assert.False(response.Trailers.Contains("grpc-message"));
        Assert.False(response.IsTrailersOnly);
    }

    [Fact]
    public async Task Unary_AsciiAndBinaryMetadata_EchoedInHeadersAndTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        byte[] bytes = [0, 1, 2, 0xFF];

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "m" }),
            ("x-echo-text", "plain value"), ("x-echo-bin", Convert.ToBase64String(bytes)), ("x-other", "not echoed"));

        Assert.Equal("plain value", response.Headers.GetValues("x-echo-text").Single());
        Assert.Equal("AAEC/w", response.Headers.GetValues("x-echo-bin").Single());
        Assert.Equal("plain value", response.Trailers.GetValues("x-echo-text").Single());
        Assert.Equal("AAEC/w", response.Trailers.GetValues("x-echo-bin").Single());
        Assert.False(response.Headers.Contains("x-other"));
        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Unary_RpcExceptionBeforeAnythingSent_IsTrailersOnlyWithPercentEncodedMessage()
    {
        await using var server = await GrpcTestServer.StartAsync();
        const string detail = "no such thing ✓ 100%\n";

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { StatusCode = 5, StatusMessage = detail }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal(StatusCode.NotFound, response.Status);
        Assert.Equal("no such thing %E2%9C%93 100%25%0A", response.RawStatusMessage);
        Assert.Equal(detail, response.StatusMessage);
        Assert.Equal("requested", response.Headers.GetValues("x-failure-reason").Single());
    }

    [Fact]
    public async Task Unary_RpcExceptionAfterHeadersSent_StatusAndCustomTrailersInTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { StatusCode = 9, StatusMessage = "later" }),
            ("x-echo-text", "sent first"));

        Assert.False(response.IsTrailersOnly);
        Assert.Equal("sent first", response.Headers.GetValues("x-echo-text").Single());
        Assert.Empty(response.Messages);
        Assert.Equal("9", response.Trailers.GetValues("grpc-status").Single());
        Assert.Equal("later", response.Trailers.GetValues("grpc-message").Single());
        Assert.Equal("requested", response.Trailers.GetValues("x-failure-reason").Single());
    }

    [Fact]
    public async Task Unary_UnhandledException_UnknownWithGenericMessageAndErrorLog()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { ThrowException = true }));

        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Equal("Exception was thrown by handler.", response.StatusMessage);
        Assert.DoesNotContain("secret", string.Join(" ", response.Headers.SelectMany(h => h.Value)));
        var logged = Assert.Single(server.Logs.Entries, e => e.EventId == 1003);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Unary_UnhandledExceptionWithDetailedErrors_NamesTheException()
    {
        await using var server = await GrpcTestServer.StartAsync(services => services.AddGrpc(o => o.EnableDetailedErrors = true));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { ThrowException = true }));

        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Equal("Exception was thrown by handler. InvalidOperationException: secret detail from inside the handler", response.StatusMessage);
    }

    [Fact]
    public async Task Unary_Context_DescribesTheCall()
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "probe" }), ("x-custom", "1"));

        Assert.Equal(StatusCode.OK, response.Status);
        var context = (ContextProbeService.Snapshot)(await server.Observer.WaitAsync("context", "probe"))!;
        Assert.Equal(Unary, context.Method);
        Assert.Equal(Unary, context.Path);
        Assert.Equal($"127.0.0.1:{server.Address.Port}", context.Host);
        Assert.StartsWith("ipv4:127.0.0.1:", context.Peer);
        Assert.Equal(DateTime.MaxValue, context.Deadline);
        Assert.True(context.CanBeCancelled);
        Assert.Contains(context.RequestHeaders, e => e.Key == "x-custom" && e.Value == "1");
        Assert.DoesNotContain(context.RequestHeaders, e => e.Key is "te" or "content-type" || e.Key.StartsWith(':') || e.Key.StartsWith("grpc-"));
    }

    [Fact]
    public async Task Unary_StatusSetOnContext_SentWithoutTheMessage()
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "set-status" }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.FailedPrecondition, response.Status);
        Assert.Equal("set on the context", response.StatusMessage);
    }

    [Fact]
    public async Task Unary_ServiceNotRegisteredInDi_CreatedPerCallAndDisposed()
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "first" }));
        await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "second" }));

        await server.Observer.WaitAsync("disposed", "first");
        await server.Observer.WaitAsync("disposed", "second");
    }
}
