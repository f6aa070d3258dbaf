using FederatedAgents.Grpc.AspNetCore.Health;
using FederatedAgents.Grpc.Health;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = FederatedAgents.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace FederatedAgents.Grpc.Tests.Server;

public class HealthServiceTests
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    private static Task<GrpcTestServer> StartAsync() =>
        GrpcTestServer.StartAsync(services => services.AddGrpcHealthChecks(), app => app.MapGrpcHealthChecksService());

    private static HealthStatusRegistry Registry(GrpcTestServer server) => server.Services.GetRequiredService<HealthStatusRegistry>();

    [Fact]
    public async Task Check_WholeServer_Serving()
    {
        await using var server = await StartAsync();

        var response = await server.Client.CallAsync(Check, GrpcRaw.Frame(new HealthCheckRequest()));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(ServingStatus.Serving, response.Message(HealthCheckResponse.Parser).Status);
    }

    [Fact]
    public async Task Check_ServiceWithoutStatus_NotFound()
    {
        await using var server = await StartAsync();

        var response = await server.Client.CallAsync(Check, GrpcRaw.Frame(new HealthCheckRequest { Service = "pkg.Unknown" }));

        Assert.Equal(StatusCode.NotFound, response.Status);
        Assert.Contains("pkg.Unknown", response.StatusMessage);
    }

    [Fact]
    public async Task Check_StatusSetByTheApplication_Reported()
    {
        await using var server = await StartAsync();
        Registry(server).SetStatus("pkg.Agent", ServingStatus.NotServing);

        var response = await server.Client.CallAsync(Check, GrpcRaw.Frame(new HealthCheckRequest { Service = "pkg.Agent" }));

        Assert.Equal(ServingStatus.NotServing, response.Message(HealthCheckResponse.Parser).Status);
    }

    [Fact]
    public async Task Watch_KnownService_StreamsCurrentStatusThenEveryChange()
    {
        await using var server = await StartAsync();
        var registry = Registry(server);
        registry.SetStatus("pkg.Agent", ServingStatus.Serving);

        using var response = await server.Client.StartAsync(GrpcRaw.Request(Watch, new ByteArrayContent(GrpcRaw.Frame(new HealthCheckRequest { Service = "pkg.Agent" }))));
        var updates = await GrpcRaw.MessagesAsync(response);

        Assert.Equal(ServingStatus.Serving, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
        registry.SetStatus("pkg.Agent", ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
        registry.ClearStatus("pkg.Agent");
        Assert.Equal(ServingStatus.ServiceUnknown, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
    }

    [Fact]
    public async Task Watch_UnknownService_ServiceUnknownUntilTheApplicationSetsIt()
    {
        await using var server = await StartAsync();

        using var response = await server.Client.StartAsync(GrpcRaw.Request(Watch, new ByteArrayContent(GrpcRaw.Frame(new HealthCheckRequest { Service = "pkg.Later" }))));
        var updates = await GrpcRaw.MessagesAsync(response);

        Assert.Equal(ServingStatus.ServiceUnknown, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
        Registry(server).SetStatus("pkg.Later", ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
    }

    [Fact]
    public async Task Watch_ServerStops_StreamEndsWithUnavailable()
    {
        await using var server = await StartAsync();

        using var response = await server.Client.StartAsync(GrpcRaw.Request(Watch, new ByteArrayContent(GrpcRaw.Frame(new HealthCheckRequest()))));
        var updates = await GrpcRaw.MessagesAsync(response);
        Assert.Equal(ServingStatus.Serving, (await updates.NextAsync(HealthCheckResponse.Parser))!.Status);
        var stopping = server.StopAsync();

        Assert.Null(await updates.NextAsync(HealthCheckResponse.Parser));
        Assert.Equal("14", response.TrailingHeaders.GetValues("grpc-status").Single());
        await stopping.Bounded();
    }

    [Fact]
    public async Task SetStatus_ServiceUnknown_RejectedInFavourOfClearStatus()
    {
        await using var server = await StartAsync();

        var ex = Assert.Throws<ArgumentException>(() => Registry(server).SetStatus("pkg.Agent", ServingStatus.ServiceUnknown));

        Assert.Contains("ClearStatus", ex.Message);
    }

    [Fact]
    public async Task MapGrpcHealthChecksService_WithoutAddGrpcHealthChecks_FailsNamingTheCall()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => GrpcTestServer.StartAsync(map: app => app.MapGrpcHealthChecksService()));

        Assert.Contains("services.AddGrpcHealthChecks()", ex.Message);
    }
}
