using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>Server-wide settings every call reads, resolved once when services are mapped.</summary>
internal sealed class ServerSettings
{
    private ServerSettings(GrpcServiceOptions options, TimeProvider timeProvider, ILogger logger, CancellationToken stopping)
    {
        MaxReceiveMessageSize = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = options.MaxSendMessageSize ?? int.MaxValue;
        ResponseCompressionAlgorithm = options.ResponseCompressionAlgorithm;
        EnableDetailedErrors = options.EnableDetailedErrors;
        TimeProvider = timeProvider;
        Stopping = stopping;
        Logger = logger;
    }

    public int MaxReceiveMessageSize { get; }

    public int MaxSendMessageSize { get; }

    public string? ResponseCompressionAlgorithm { get; }

    public bool EnableDetailedErrors { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Cancelled when the host begins to shut down; every call's token is linked to it.</summary>
    public CancellationToken Stopping { get; }

    public ILogger Logger { get; }

    /// <summary>Reads the options (running their validation, so a bad value fails at map time too).</summary>
    public static ServerSettings Create(IServiceProvider services) =>
        new(
            services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("FederatedAgents.Grpc.AspNetCore.Server"),
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None);
}
