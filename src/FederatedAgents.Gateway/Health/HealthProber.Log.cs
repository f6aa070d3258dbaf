using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Health;

internal sealed partial class HealthProber
{
    private static partial class Log
    {
        [LoggerMessage(4040, LogLevel.Information, "Agent {Agent} endpoint {Endpoint} passed its health check; it takes calls again.")]
        public static partial void EndpointHealthy(ILogger logger, string agent, Uri endpoint);

        [LoggerMessage(4041, LogLevel.Warning, "Agent {Agent} endpoint {Endpoint} failed its health check ({Outcome}); no calls go there until it passes.")]
        public static partial void EndpointUnhealthy(ILogger logger, string agent, Uri endpoint, string outcome);
    }
}
