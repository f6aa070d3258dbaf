using System.Buffers;
using System.Security.Cryptography;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>Filters (authentication, authorization), observers (audit) and response filters (egress) plugged into a real gateway.</summary>
public sealed class ExtensionPointTests : IAsyncLifetime
{
    private GrpcTestServer _agent = null!;

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _agent = await GrpcTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task FilterRefuses_CallerGetsItsStatus_AgentNeverCalled_ObserverSeesDecisionAndOutcome()
    {
        var hooks = new RecordingHooks();
        await using var gateway = await StartAsync(hooks);

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, new CallOptions(new Metadata().Add("x-refuse", "scope echo:call missing")), new EchoRequest { Message = "refused" }).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("scope echo:call missing", ex.Status.Detail);
        Assert.False(_agent.Observer.Happened(CallEvents.Started, "refused"));
        var (method, refusal) = Assert.Single(hooks.Decisions);
        Assert.Equal("/federatedagents.testing.Echo/Unary", method);
        Assert.Equal(StatusCode.PermissionDenied, refusal?.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, Assert.Single(hooks.Completions).Result.Status.StatusCode);
    }

    [Fact]
    public async Task Observer_GetsTheStatusAndTheDigestsOfBothBodies_AndItsTrailerReachesTheCaller()
    {
        var hooks = new RecordingHooks { Trailer = new("x-audit-receipt", "receipt-1") };
        await using var gateway = await StartAsync(hooks);
        var requests = new[] { "a", "bb", "ccc" }.Select(m => new EchoRequest { Message = m }).ToList();

        using var call = gateway.LocalInvoker.AsyncClientStreamingCall(EchoMethods.ClientStream, default);
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request, TestToken).Bounded();
        }

        await call.RequestStream.CompleteAsync().Bounded();
        var response = await call.ResponseAsync.Bounded();

        var (_, result) = Assert.Single(hooks.Completions);
        var requestBody = requests.SelectMany(r => GrpcRaw.Frame(r)).ToArray();
        var responseBody = GrpcRaw.Frame(response);
        Assert.Equal(StatusCode.OK, result.Status.StatusCode);
        Assert.Equal((requestBody.Length, 3L), (result.Request.Bytes, result.Request.Messages));
        Assert.Equal(SHA256.HashData(requestBody), result.Request.Sha256);
        Assert.Equal((responseBody.Length, 1L), (result.Response.Bytes, result.Response.Messages));
        Assert.Equal(SHA256.HashData(responseBody), result.Response.Sha256);
        Assert.True(result.Duration > TimeSpan.Zero);
        Assert.Equal("receipt-1", call.GetTrailers().GetValue("x-audit-receipt"));
    }

    [Fact]
    public async Task ObserverTrailer_OnATrailersOnlyAnswer_GoesOutWithTheStatusHeaders()
    {
        var hooks = new RecordingHooks { Trailer = new("x-audit-receipt", "receipt-2") };
        await using var gateway = await StartAsync(hooks);

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, default, new EchoRequest { StatusCode = (int)StatusCode.NotFound }).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("receipt-2", ex.Trailers.GetValue("x-audit-receipt"));
    }

    [Fact]
    public async Task ResponseFilter_RewritesEveryMessage_EvenFromAnAgentThatCompressesWhenAllowed()
    {
        await using var compressing = await GrpcTestServer.StartAsync(services => services.AddGrpc(options => options.ResponseCompressionAlgorithm = "gzip"));
        var hooks = new RecordingHooks { ResponseFilter = new Redact() };
        await using var gateway = await StartAsync(hooks, compressing);

        using var call = gateway.LocalInvoker.AsyncServerStreamingCall(
            EchoMethods.ServerStream, default, new EchoRequest { Message = "secret", ResponseCount = 3, ResponseSize = 100 });
        var messages = new List<EchoResponse>();
        while (await call.ResponseStream.MoveNext(TestToken).Bounded())
        {
            messages.Add(call.ResponseStream.Current);
        }

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal("[redacted]", m.Message));
        Assert.All(messages, m => Assert.Equal(100, m.Payload.Length));
        var (_, result) = Assert.Single(hooks.Completions);
        Assert.Equal(SHA256.HashData(messages.SelectMany(m => GrpcRaw.Frame(m)).ToArray()), result.Response.Sha256);
    }

    [Theory]
    [InlineData(true, "The gateway could not check the call.")]
    [InlineData(false, "The gateway could not record the call.")]
    public async Task FilterOrObserverThrows_CallRefusedWithInternal_AgentNeverCalled(bool filterThrows, string detail)
    {
        var failing = new Failing();
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _agent.Address)), services =>
        {
            if (filterThrows)
            {
                services.AddSingleton<IGatewayCallFilter>(failing);
            }
            else
            {
                services.AddSingleton<IGatewayCallObserver>(failing);
            }
        });

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(
            EchoMethods.Unary, default, new EchoRequest { Message = "never" }).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Equal(detail, ex.Status.Detail);
        Assert.False(_agent.Observer.Happened(CallEvents.Started, "never"));
        await gateway.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task NoObserver_NoDigestsComputed()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _agent.Address)), services =>
            services.AddSingleton<IGatewayCallFilter>(new RecordingHooks()));
        var hooks = (RecordingHooks)gateway.Services.GetRequiredService<IGatewayCallFilter>();

        await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync.Bounded();

        var call = Assert.Single(hooks.Checked);
        Assert.Null(call.Request.Summarize().Sha256);
    }

    private Task<GatewayHost> StartAsync(RecordingHooks hooks, GrpcTestServer? agent = null) =>
        GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", (agent ?? _agent).Address)), services =>
        {
            services.AddSingleton<IGatewayCallFilter>(hooks);
            services.AddSingleton<IGatewayCallObserver>(hooks);
        });

    private sealed class Failing : IGatewayCallFilter, IGatewayCallObserver
    {
        public ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken) => throw new InvalidOperationException("filter bug");

        public void OnDecision(GatewayCall call, Status? refusal) => throw new InvalidOperationException("audit store down");

        public ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result) => ValueTask.CompletedTask;
    }

    /// <summary>An egress filter in miniature: replaces the message text, keeps the rest.</summary>
    private sealed class Redact : IResponseMessageFilter
    {
        public void Filter(ReadOnlySequence<byte> message, IBufferWriter<byte> output)
        {
            var response = EchoResponse.Parser.ParseFrom(message);
            response.Message = "[redacted]";
            response.WriteTo(output);
        }
    }
}
