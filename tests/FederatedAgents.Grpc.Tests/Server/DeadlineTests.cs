using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.Tests.Server;

public class DeadlineTests
{
    private const string Unary = "/federatedagents.testing.Echo/Unary";
    private const string ServerStream = "/federatedagents.testing.Echo/ServerStream";

    private static Task<GrpcTestServer> StartWithClockAsync(FakeTimeProvider clock, Action<WebApplication>? map = null) =>
        GrpcTestServer.StartAsync(services => services.AddSingleton<TimeProvider>(clock), map);

    [Theory]
    [InlineData("2H", 2 * TimeSpan.TicksPerHour)]
    [InlineData("3M", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("4S", 4 * TimeSpan.TicksPerSecond)]
    [InlineData("500m", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250u", 250 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("99999999n", 999_999)]
    public async Task Deadline_EveryUnit_IsNowPlusTheTimeout(string timeout, long ticks)
    {
        var clock = new FakeTimeProvider();
        await using var server = await StartWithClockAsync(clock, app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = timeout }), ("grpc-timeout", timeout));

        Assert.Equal(StatusCode.OK, response.Status);
        var context = (ContextProbeService.Snapshot)(await server.Observer.WaitAsync("context", timeout))!;
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddTicks(ticks), context.Deadline);
        Assert.Equal(DateTimeKind.Utc, context.Deadline.Kind);
    }

    [Fact]
    public async Task Deadline_PassesWhileHandlerRuns_DeadlineExceededTrailersOnlyAndHandlerCancelled()
    {
        var clock = new FakeTimeProvider();
        await using var server = await StartWithClockAsync(clock);
        var request = GrpcRaw.Request(Unary, new ByteArrayContent(GrpcRaw.Frame(new EchoRequest { Message = "slow", WaitForCancellation = true })),
            ("grpc-timeout", "5S"));

        var call = server.Client.CallAsync(request);
        await server.Observer.WaitAsync(CallEvents.Started, "slow");
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await call.Bounded();

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        await server.Observer.WaitAsync(CallEvents.Cancelled, "slow");
        await server.Observer.WaitAsync(CallEvents.Finished, "slow");
        await server.Logs.WaitForAsync(1001, e => e.Message.Contains("DeadlineExceeded", StringComparison.Ordinal));
        await BadInputTests.AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Deadline_PassesAfterMessagesWereSent_DeadlineExceededInTrailers()
    {
        var clock = new FakeTimeProvider();
        await using var server = await StartWithClockAsync(clock);
        var request = GrpcRaw.Request(ServerStream,
            new ByteArrayContent(GrpcRaw.Frame(new EchoRequest { Message = "stream", ResponseCount = 2, WaitForCancellation = true })),
            ("grpc-timeout", "1M"));

        using var response = await server.Client.StartAsync(request);
        var messages = await GrpcRaw.MessagesAsync(response);
        Assert.Equal(0, (await messages.NextAsync(EchoResponse.Parser))!.Index);
        Assert.Equal(1, (await messages.NextAsync(EchoResponse.Parser))!.Index);
        await server.Observer.WaitAsync(CallEvents.Started, "stream");
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await messages.NextAsync(EchoResponse.Parser));
        Assert.Equal("4", response.TrailingHeaders.GetValues("grpc-status").Single());
        await server.Observer.WaitAsync(CallEvents.Cancelled, "stream");
    }

    [Fact]
    public async Task Deadline_HandlerWritesAfterIt_WriteFailsWithDeadlineExceeded()
    {
        var clock = new FakeTimeProvider();
        await using var server = await StartWithClockAsync(clock, app => app.MapGrpcService<LateWriterService>(EchoService.Descriptor));
        var request = GrpcRaw.Request(ServerStream, new ByteArrayContent(GrpcRaw.Frame(new EchoRequest { Message = "late" })), ("grpc-timeout", "10S"));

        var call = server.Client.CallAsync(request);
        await server.Observer.WaitAsync(CallEvents.Started, "late");
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.DeadlineExceeded, (await call.Bounded()).Status);
        var failure = Assert.IsType<RpcException>(await server.Observer.WaitAsync("write-failed", "late"));
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task Deadline_RealClock_ClientGetsDeadlineExceeded()
    {
        await using var server = await GrpcTestServer.StartAsync();

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = "real", WaitForCancellation = true }),
            ("grpc-timeout", "200m"));

        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        await server.Observer.WaitAsync(CallEvents.Cancelled, "real");
    }

    [Theory]
    [InlineData("99999999S")]
    [InlineData("99999999H")]
    public async Task Deadline_LongerThanTimersReach_CallSucceeds(string timeout)
    {
        await using var server = await GrpcTestServer.StartAsync(map: app => app.MapGrpcService<ContextProbeService>(EchoService.Descriptor));

        var response = await server.Client.CallAsync(Unary, GrpcRaw.Frame(new EchoRequest { Message = timeout }), ("grpc-timeout", timeout));

        Assert.Equal(StatusCode.OK, response.Status);
        var context = (ContextProbeService.Snapshot)(await server.Observer.WaitAsync("context", timeout))!;
        Assert.True(context.Deadline > DateTime.UtcNow.AddYears(3));
    }

    /// <summary>Waits for its deadline, then tries to write anyway.</summary>
    [UnimplementedMethods("Unary", "ClientStream", "Duplex", "Unimplemented", "Outcome")]
    public sealed class LateWriterService(CallObserver observer)
    {
        public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
        {
            observer.Signal(CallEvents.Started, request.Message);
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                await responseStream.WriteAsync(new EchoResponse { Message = "too late" });
            }
            catch (Exception ex)
            {
                observer.Signal("write-failed", request.Message, ex);
                throw;
            }
        }
    }
}
