using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

internal static partial class UnknownMethodEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(1020, LogLevel.Information, "gRPC request to {Path}, which no service maps; responding UNIMPLEMENTED.")]
        public static partial void UnknownMethod(ILogger logger, string path);
    }
}
