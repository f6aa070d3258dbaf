using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Grpc.Health;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Grpc.Tests.Server;

public class ServiceBindingTests
{
    private static async Task<Exception> MapFailureAsync(Action<WebApplication> map, bool addGrpc = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (addGrpc)
        {
            builder.Services.AddGrpc();
        }

        await using var app = builder.Build();
        return Assert.ThrowsAny<Exception>(() => map(app));
    }

    [Fact]
    public async Task MapGrpcService_WithoutAddGrpc_FailsSayingToCallIt()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<EchoService>(EchoService.Descriptor), addGrpc: false);

        Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("Call services.AddGrpc()", ex.Message);
        Assert.Contains("federatedagents.testing.Echo", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_MissingMethods_ListsEachWithTheSignatureToAdd()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<OnlyUnary>(EchoService.Descriptor));

        Assert.Contains($"Cannot map {typeof(OnlyUnary).FullName} as gRPC service federatedagents.testing.Echo", ex.Message);
        Assert.Contains(
            "OnlyUnary has no public method for clientstreaming method /federatedagents.testing.Echo/ClientStream; add "
            + "`public Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)`",
            ex.Message);
        Assert.Contains(
            "`public Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)`", ex.Message);
        Assert.Contains(
            "`public Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)`",
            ex.Message);
        Assert.Contains("or list \"ClientStream\" in [UnimplementedMethods] on the class", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_WrongReturnType_ShowsFoundAndExpected()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<SyncUnary>(EchoService.Descriptor));

        Assert.Contains(
            "SyncUnary.Unary has the wrong signature for unary method /federatedagents.testing.Echo/Unary: "
            + "found `EchoResponse Unary(EchoRequest request, ServerCallContext context)`; "
            + "expected `public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)`.",
            ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_WrongRequestType_ShowsFoundAndExpected()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<WrongRequest>(EchoService.Descriptor));

        Assert.Contains("WrongRequest.Unary has the wrong signature", ex.Message);
        Assert.Contains("found `Task<EchoResponse> Unary(HealthCheckRequest request, ServerCallContext context)`", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_UnimplementedNamesUnknownMethod_Fails()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<UnknownUnimplemented>(EchoService.Descriptor));

        Assert.Contains("[UnimplementedMethods] names \"Nope\", which service federatedagents.testing.Echo does not define.", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_MethodBothImplementedAndMarkedUnimplemented_Fails()
    {
        var ex = await MapFailureAsync(app => app.MapGrpcService<ContradictoryService>(EchoService.Descriptor));

        Assert.Contains("Unary is marked [UnimplementedMethods] but ContradictoryService also has a public method Unary", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_SameServiceTwice_Fails()
    {
        var ex = await MapFailureAsync(app =>
        {
            app.MapGrpcService<EchoService>(EchoService.Descriptor);
            app.MapGrpcService<ContextProbeService>(EchoService.Descriptor);
        });

        Assert.Equal("gRPC service federatedagents.testing.Echo is already mapped; map each service once.", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_InvalidOptions_FailsNamingTheOptionAndFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 0;
            o.ResponseCompressionAlgorithm = "br";
        });
        await using var app = builder.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => app.MapGrpcService<EchoService>(EchoService.Descriptor));

        Assert.Contains("GrpcServiceOptions.MaxReceiveMessageSize is 0; set it to a positive number of bytes", ex.Message);
        Assert.Contains("GrpcServiceOptions.ResponseCompressionAlgorithm 'br' is not supported; use one of gzip", ex.Message);
    }

    [Fact]
    public async Task AddGrpc_InvalidOptionsAndNothingMapped_HostStartFails()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Services.AddGrpc(o => o.MaxSendMessageSize = -1);
        await using var app = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken).Bounded());

        Assert.Contains("GrpcServiceOptions.MaxSendMessageSize is -1", ex.Message);
    }

    [Fact]
    public async Task MapGrpcService_ServiceRegisteredInDi_ResolvedFromTheRequestScopePerCall()
    {
        var created = 0;
        await using var server = await GrpcTestServer.StartAsync(
            services => services.AddScoped(sp =>
            {
                Interlocked.Increment(ref created);
                return new ContextProbeService(sp.GetRequiredService<CallObserver>());
            }),
            app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        await server.Client.CallAsync("/federatedagents.testing.Echo/Unary", GrpcRaw.Frame(new EchoRequest { Message = "a" }));
        await server.Client.CallAsync("/federatedagents.testing.Echo/Unary", GrpcRaw.Frame(new EchoRequest { Message = "b" }));

        Assert.Equal(2, created);
        await server.Observer.WaitAsync("disposed", "b");
    }

    [Fact]
    public async Task MapGrpcService_ParameterlessUnregisteredService_CallCreatesNoRequestScope()
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ScopeProbe>(EchoService.Descriptor));

        var response = await server.Client.CallAsync("/federatedagents.testing.Echo/Unary", GrpcRaw.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("no request services", response.Message(EchoResponse.Parser).Message);
    }

    [UnimplementedMethods("Unimplemented", "Outcome")]
    private sealed class OnlyUnary
    {
        public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());
    }

    [UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Unimplemented", "Outcome")]
    private sealed class SyncUnary
    {
        public EchoResponse Unary(EchoRequest request, ServerCallContext context) => new();
    }

    [UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Unimplemented", "Outcome")]
    private sealed class WrongRequest
    {
        public Task<EchoResponse> Unary(HealthCheckRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());
    }

    [UnimplementedMethods("Unary", "ServerStream", "ClientStream", "Duplex", "Unimplemented", "Nope")]
    private sealed class UnknownUnimplemented;

    [UnimplementedMethods("Unary", "ServerStream", "ClientStream", "Duplex", "Unimplemented", "Outcome")]
    private sealed class ContradictoryService
    {
        public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());
    }

    /// <summary>Reports whether the call's request services (a DI scope) were created by the time the handler runs.</summary>
    [UnimplementedMethods("ServerStream", "ClientStream", "Duplex", "Unimplemented", "Outcome")]
    private sealed class ScopeProbe
    {
        public Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse
        {
            Message = context.GetHttpContext().Features.Get<IServiceProvidersFeature>() is null ? "no request services" : "request services created",
        });
    }
}
