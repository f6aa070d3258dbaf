using System.Net;
using System.Net.Http.Headers;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

public class RoutingTests
{
    [Fact]
    public async Task Call_UnknownService_UnimplementedTrailersOnly()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync("/no.such.Service/Method", GrpcRaw.Frame(new EchoRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal("Service no.such.Service is not implemented by this server.", response.StatusMessage);
    }

    [Fact]
    public async Task Call_UnknownMethodOfMappedService_UnimplementedNamingTheMethod()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync("/federatedagents.testing.Echo/Missing", GrpcRaw.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal("Method Missing is not implemented by service federatedagents.testing.Echo.", response.StatusMessage);
    }

    [Fact]
    public async Task Call_MethodMarkedUnimplemented_Unimplemented()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync("/federatedagents.testing.Echo/Unimplemented", GrpcRaw.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
    }

    [Fact]
    public async Task Call_PathInOtherCase_UnimplementedBecausePathsAreCaseSensitive()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync("/federatedagents.testing.Echo/unary", GrpcRaw.Frame(new EchoRequest { Message = "case" }));

        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.False(server.Observer.Happened(CallEvents.Started, "case"));
    }

    [Fact]
    public async Task Call_MappedMethodWithNonGrpcContentType_Http415()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var content = new ByteArrayContent(GrpcRaw.Frame(new EchoRequest()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Client.StartAsync(GrpcRaw.Request("/federatedagents.testing.Echo/Unary", content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).Bounded());
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task Call_GetOnMappedMethod_Http405()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/federatedagents.testing.Echo/Unary");

        using var response = await server.Client.StartAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Call_UnmappedPathWithNonGrpcContentType_LeftToTheApplication()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await server.Client.StartAsync(GrpcRaw.Request("/api/other", content));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Call_OverHttp11_Http426()
    {
        await using var server = await GrpcTestServer.StartAsync(protocols: HttpProtocols.Http1);
        using var client = GrpcTestServer.CreateClient(server.Address, version: HttpVersion.Version11);

        using var response = await client.StartAsync(GrpcRaw.Request("/federatedagents.testing.Echo/Unary", new ByteArrayContent(GrpcRaw.Frame(new EchoRequest()))));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).Bounded());
    }

    [Fact]
    public async Task MapGrpcService_Conventions_ApplyToEveryMethodEndpoint()
    {
        var marker = new object();
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<EchoService>(EchoService.Descriptor).WithMetadata(marker));

        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.DisplayName!.StartsWith("gRPC - /federatedagents.testing.Echo/", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(EchoService.Descriptor.Methods.Count, endpoints.Count);
        Assert.All(endpoints, e => Assert.Contains(marker, e.Metadata));
    }
}
