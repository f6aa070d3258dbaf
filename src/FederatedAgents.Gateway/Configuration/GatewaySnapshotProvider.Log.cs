using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Configuration;

internal sealed partial class GatewaySnapshotProvider
{
    private static partial class Log
    {
        [LoggerMessage(4050, LogLevel.Information, "Gateway configuration {Version} is in use: {Agents} agent(s), {Partners} partner(s).")]
        public static partial void Reloaded(ILogger logger, long version, int agents, int partners);

        [LoggerMessage(4051, LogLevel.Error, "The reloaded gateway configuration has {Count} error(s); the gateway keeps the previous one.\n{Errors}")]
        public static partial void ReloadRejected(ILogger logger, int count, string errors);

        [LoggerMessage(4052, LogLevel.Warning, "Gateway:Listeners changed; listeners keep their addresses until the gateway restarts (certificates are reloaded).")]
        public static partial void ListenersNeedRestart(ILogger logger);

        [LoggerMessage(4053, LogLevel.Error, "Reloading the gateway configuration failed; the gateway keeps the previous one.")]
        public static partial void ReloadFailed(ILogger logger, Exception exception);
    }
}
