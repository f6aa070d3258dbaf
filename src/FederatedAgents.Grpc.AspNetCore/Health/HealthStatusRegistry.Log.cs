using Microsoft.Extensions.Logging;
using ServingStatus = FederatedAgents.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace FederatedAgents.Grpc.AspNetCore.Health;

public sealed partial class HealthStatusRegistry
{
    private static partial class Log
    {
        [LoggerMessage(1040, LogLevel.Information, "gRPC health status of '{Service}' is now {Status}.")]
        public static partial void StatusChanged(ILogger logger, string service, ServingStatus status);
    }
}
