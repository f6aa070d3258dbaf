using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

internal sealed partial class HttpServerCallContext
{
    private static partial class Log
    {
        [LoggerMessage(1010, LogLevel.Warning, "Rejected a request message of gRPC call {Method}: {StatusCode} {Detail}")]
        public static partial void InvalidRequestMessage(ILogger logger, string method, StatusCode statusCode, string detail);

        [LoggerMessage(1011, LogLevel.Debug, "gRPC call {Method} exceeded its deadline.")]
        public static partial void DeadlineExceeded(ILogger logger, string method);

        [LoggerMessage(1012, LogLevel.Warning, "Completing gRPC call {Method} at its deadline failed.")]
        public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(1013, LogLevel.Debug, "gRPC call {Method}: the client does not accept {Encoding}; sending messages uncompressed.")]
        public static partial void ResponseCompressionNotAccepted(ILogger logger, string method, string encoding);
    }
}
