using System.Net;
using System.Net.Http.Headers;
using FederatedAgents.Grpc;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;

namespace FederatedAgents.Gateway.Tests.Routing;

/// <summary>What the gateway answers by path and content type, on the wire (Trailers-Only means one HEADERS frame with the status).</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private GrpcTestServer _agent = null!;
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _agent = await GrpcTestServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(GatewayJson.Local(GatewayJson.Agent("echo", _agent.Address)));
        _client = GrpcTestServer.CreateClient(_gateway.Listeners.Local!);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task UnknownService_UnimplementedAsTrailersOnlyNeverHttp404()
    {
        var response = await _client.CallAsync("/bank.loans.v1.LoanDesk/Quote", GrpcRaw.Frame(new EchoRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal("Service bank.loans.v1.LoanDesk is not served by this gateway.", response.StatusMessage);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/federatedagents.testing.Echo")]
    [InlineData("/federatedagents.testing.Echo/")]
    [InlineData("/a/b/c")]
    public async Task PathThatIsNotAMethod_UnimplementedAsTrailersOnly(string path)
    {
        var response = await _client.CallAsync(path, GrpcRaw.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
    }

    [Fact]
    public async Task MethodNameInOtherCase_NotRoutedBecausePathsAreCaseSensitive()
    {
        var response = await _client.CallAsync("/FederatedAgents.Testing.Echo/Unary", GrpcRaw.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, response.Status);
    }

    [Fact]
    public async Task UnknownMethodOfAServedService_TheAgentsUnimplementedPassesThrough()
    {
        var response = await _client.CallAsync("/federatedagents.testing.Echo/Unimplemented", GrpcRaw.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
    }

    [Fact]
    public async Task AgentAnswersTrailersOnly_CallerGetsTrailersOnlyWithTheAgentsStatusAndMetadata()
    {
        var request = GrpcRaw.Frame(new EchoRequest { StatusCode = (int)StatusCode.NotFound, StatusMessage = "no such loan" });

        var response = await _client.CallAsync("/federatedagents.testing.Echo/Unary", request);

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.NotFound, response.Status);
        Assert.Equal("no such loan", response.StatusMessage);
        Assert.Equal("requested", response.Value("x-failure-reason"));
    }

    [Fact]
    public async Task ContentTypeNotGrpc_Http415()
    {
        var request = GrpcRaw.Request("/federatedagents.testing.Echo/Unary", new ByteArrayContent(GrpcRaw.Frame(new EchoRequest())));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.StartAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task MalformedGrpcTimeout_InternalAsTrailersOnly()
    {
        var response = await _client.CallAsync("/federatedagents.testing.Echo/Unary", GrpcRaw.Frame(new EchoRequest()), ("grpc-timeout", "soon"));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("grpc-timeout", response.StatusMessage);
    }
}
