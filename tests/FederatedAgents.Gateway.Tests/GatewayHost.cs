using System.Text.Json.Nodes;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Tests;

/// <summary>
/// A real gateway on Kestrel: its organization file (the <c>Gateway</c> section given) is written to a temporary
/// folder and read with reload on change, as a deployment would. Listeners bind port 0 on loopback.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TemporaryFolder _folder;
    private readonly string _file;
    private GrpcChannel? _local;

    private GatewayHost(WebApplication app, TemporaryFolder folder, string file, TestLogSink logs)
    {
        _app = app;
        _folder = folder;
        _file = file;
        Logs = logs;
    }

    public TestLogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    internal GatewayListeners Listeners => Services.GetRequiredService<GatewayListeners>();

    internal GatewaySnapshotProvider Snapshots => Services.GetRequiredService<GatewaySnapshotProvider>();

    /// <summary>Calls the gateway is handling now.</summary>
    public long InFlight => Services.GetRequiredService<GatewayCallCounter>().InFlight;

    /// <summary>A channel to the local listener (h2c).</summary>
    public GrpcChannel Local => _local ??= GrpcChannel.ForAddress(Listeners.Local!);

    public CallInvoker LocalInvoker => Local.CreateCallInvoker();

    /// <param name="plugins">Adds to the gateway (e.g. its security pipeline) with the host's configuration, after <paramref name="services"/>.</param>
    /// <param name="map">Maps the host's own endpoints (served on other listeners than the gateway's), before the gateway.</param>
    public static async Task<GatewayHost> StartAsync(
        JsonObject gateway,
        Action<IServiceCollection>? services = null,
        Action<IConfigurationBuilder>? configuration = null,
        Action<IFederatedGatewayBuilder, IConfiguration>? plugins = null,
        Action<WebApplication>? map = null)
    {
        var folder = new TemporaryFolder();
        var file = folder.Combine("organization.json");
        await WriteAsync(file, gateway);
        var logs = new TestLogSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: true);
        configuration?.Invoke(builder.Configuration);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var gatewayBuilder = builder.Services.AddFederatedGateway(builder.Configuration);
        services?.Invoke(builder.Services);
        plugins?.Invoke(gatewayBuilder, builder.Configuration);
        var app = builder.Build();
        try
        {
            map?.Invoke(app);
            app.MapFederatedGateway();
            await app.StartAsync().Bounded();
        }
        catch
        {
            await app.DisposeAsync();
            folder.Dispose();
            throw;
        }

        return new GatewayHost(app, folder, file, logs);
    }

    /// <summary>Rewrites the organization file and waits until the gateway has installed the new configuration.</summary>
    public async Task ReloadAsync(JsonObject gateway)
    {
        var installed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = Snapshots.GetChangeToken().RegisterChangeCallback(_ => installed.TrySetResult(), null);
        await WriteAsync(_file, gateway);
        await installed.Task.Bounded();
    }

    /// <summary>Rewrites the organization file without waiting (for a configuration the gateway will reject).</summary>
    public Task RewriteAsync(JsonObject gateway) => WriteAsync(_file, gateway);

    /// <summary>Waits (bounded) until no call is in flight: every call, however it ended, was released.</summary>
    public async Task WaitUntilIdleAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        while (InFlight != 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _local?.Dispose();
        await _app.StopAsync().Bounded();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private static Task WriteAsync(string file, JsonObject gateway) =>
        File.WriteAllTextAsync(file, new JsonObject { ["Gateway"] = gateway.DeepClone() }.ToJsonString(), TestContext.Current.CancellationToken);
}
