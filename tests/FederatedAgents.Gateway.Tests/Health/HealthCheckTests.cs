using System.Text.Json.Nodes;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Health;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = FederatedAgents.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace FederatedAgents.Gateway.Tests.Health;

/// <summary>
/// Active grpc.health.v1 checks decide which endpoints take calls. The gateway runs on a fake clock: each
/// <see cref="FakeTimeProvider.Advance"/> past the interval starts one round of checks against real agents.
/// </summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new();
    private GrpcTestServer _first = null!;
    private GrpcTestServer _second = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await StartAgentAsync();
        _second = await StartAgentAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task EndpointFailsItsCheck_CallsGoToTheHealthyOneUntilItPassesAgain()
    {
        await using var gateway = await StartGatewayAsync(_first.Address, _second.Address);
        await CheckRoundAsync(gateway, TimeSpan.Zero, 4040, _first.Address, _second.Address);

        SetServing(_second, ServingStatus.NotServing);
        await CheckRoundAsync(gateway, s_interval, 4041, _second.Address);
        await CallAsync(gateway, "while-down-1", "while-down-2", "while-down-3", "while-down-4");

        Assert.All(["while-down-1", "while-down-2", "while-down-3", "while-down-4"], tag => Assert.True(_first.Observer.Happened(CallEvents.Started, tag)));

        SetServing(_second, ServingStatus.Serving);
        await CheckRoundAsync(gateway, s_interval, 4040, _second.Address);
        await CallAsync(gateway, "back-1", "back-2");

        Assert.True(_second.Observer.Happened(CallEvents.Started, "back-1") || _second.Observer.Happened(CallEvents.Started, "back-2"));
    }

    [Fact]
    public async Task EndpointUnreachable_MarkedUnhealthyAndCallsAvoidIt()
    {
        var closed = new Uri("http://127.0.0.1:9");
        await using var gateway = await StartGatewayAsync(_first.Address, closed);

        await CheckRoundAsync(gateway, TimeSpan.Zero, 4041, closed);
        await CallAsync(gateway, "only-1", "only-2", "only-3");

        Assert.All(["only-1", "only-2", "only-3"], tag => Assert.True(_first.Observer.Happened(CallEvents.Started, tag)));
    }

    [Fact]
    public async Task EveryEndpointUnhealthy_UnavailableNamingTheAgent()
    {
        SetServing(_first, ServingStatus.NotServing);
        SetServing(_second, ServingStatus.NotServing);
        await using var gateway = await StartGatewayAsync(_first.Address, _second.Address);
        await CheckRoundAsync(gateway, TimeSpan.Zero, 4041, _first.Address, _second.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest()).ResponseAsync).Bounded();

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("No healthy endpoint for agent 'echo'.", ex.Status.Detail);
        await gateway.WaitUntilIdleAsync();
    }

    private async Task<GatewayHost> StartGatewayAsync(params Uri[] endpoints)
    {
        var agent = GatewayJson.Agent("echo", endpoints);
        agent["HealthCheck"] = new JsonObject { ["Interval"] = "00:00:10", ["Timeout"] = "00:00:05" };
        return await GatewayHost.StartAsync(GatewayJson.Local(agent), services => services.AddSingleton<TimeProvider>(_clock));
    }

    /// <summary>Moves the clock to the next round of checks and waits until each endpoint named gets a new log entry with that event.</summary>
    private async Task CheckRoundAsync(GatewayHost gateway, TimeSpan advance, int eventId, params Uri[] endpoints)
    {
        var before = endpoints.Select(endpoint => Count(gateway, eventId, endpoint)).ToList();
        _clock.Advance(advance);
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        for (var i = 0; i < endpoints.Length; i++)
        {
            while (Count(gateway, eventId, endpoints[i]) == before[i])
            {
                await Task.Delay(10, timeout.Token);
            }
        }
    }

    private static int Count(GatewayHost gateway, int eventId, Uri endpoint) =>
        gateway.Logs.Entries.Count(e => e.EventId == eventId && e.Message.Contains(endpoint.ToString(), StringComparison.Ordinal));

    private static async Task CallAsync(GatewayHost gateway, params string[] tags)
    {
        foreach (var tag in tags)
        {
            await gateway.LocalInvoker.AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Message = tag }).ResponseAsync.Bounded();
        }
    }

    private static void SetServing(GrpcTestServer agent, ServingStatus status) =>
        agent.Services.GetRequiredService<HealthStatusRegistry>().SetStatus("", status);

    private static Task<GrpcTestServer> StartAgentAsync() => GrpcTestServer.StartAsync(
        services => services.AddGrpcHealthChecks(),
        app =>
        {
            app.MapGrpcService<EchoService>(EchoService.Descriptor);
            app.MapGrpcHealthChecksService();
        });
}
