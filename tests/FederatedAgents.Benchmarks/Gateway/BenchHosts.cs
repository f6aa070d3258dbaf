using System.Net;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Testing.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>The servers of the gateway benchmark, each h2c on loopback, logging warnings only, counting statuses.</summary>
internal static class BenchHosts
{
    private static readonly string[] s_flags = ["--digests", "--secured", "--no-token-cache", "--no-audit"];

    public static async Task RunAgentAsync(int port)
    {
        var builder = CreateBuilder([]);
        ListenH2c(builder, port);
        builder.Services.AddGrpc();
        var app = builder.Build();
        StatusCounter.Use(app);
        app.MapGrpcService<BenchEchoService>(BenchEchoService.Descriptor);
        await app.RunAsync();
    }

    public static async Task RunForwarderAsync(int port, Uri agent)
    {
        var builder = CreateBuilder([]);
        ListenH2c(builder, port);
        var app = builder.Build();
        StatusCounter.Use(app);
        using var forwarder = new MinimalForwarder(agent);
        app.MapPost("/{**path}", forwarder.ForwardAsync);
        await app.RunAsync();
    }

    /// <summary>
    /// <c>--config FILE</c>: the organization file; environment variables override it (the script sets the listener and
    /// agent addresses that way). <c>--digests</c>: a stand-in audit observer, so payload digests are computed.
    /// <c>--secured</c>: the security pipeline (token validation, policy, egress filter, audit log with receipts), from
    /// the file's <c>Organization</c>, <c>Storage</c> and <c>Gateway:Security</c>; with <c>--no-token-cache</c> every
    /// token is verified, with <c>--no-audit</c> nothing is recorded.
    /// </summary>
    public static async Task RunGatewayAsync(string[] args)
    {
        var builder = CreateBuilder(args);
        if (builder.Configuration["config"] is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
            builder.Configuration.AddEnvironmentVariables();
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Security:CacheValidatedTokens"] = args.Contains("--no-token-cache") ? "false" : null,
            ["Gateway:Security:Audit:Enabled"] = args.Contains("--no-audit") ? "false" : null,
        }.Where(setting => setting.Value is not null));
        var gateway = builder.Services.AddFederatedGateway(builder.Configuration);
        if (args.Contains("--secured"))
        {
            gateway.AddGatewaySecurity(builder.Configuration).AddServiceDescriptors(EchoReflection.Descriptor);
        }

        if (args.Contains("--digests"))
        {
            builder.Services.AddSingleton<IGatewayCallObserver, DigestSink>();
        }

        var app = builder.Build();
        using var audit = args.Contains("--secured") && !args.Contains("--no-audit") ? new AuditCommitStats() : null;
        StatusCounter.Use(app, audit);
        app.MapFederatedGateway();
        await app.RunAsync();
    }

    private static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args.Where(a => !s_flags.Contains(a)).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    private static void ListenH2c(WebApplicationBuilder builder, int port) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));

    /// <summary>Stands in for the audit log: its presence makes the gateway digest both bodies; the results are dropped.</summary>
    private sealed class DigestSink : IGatewayCallObserver
    {
        public void OnDecision(GatewayCall call, FederatedAgents.Grpc.Status? refusal)
        {
        }

        public ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result) => ValueTask.CompletedTask;
    }
}
