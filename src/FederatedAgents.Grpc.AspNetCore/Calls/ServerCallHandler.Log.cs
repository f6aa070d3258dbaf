using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

internal abstract partial class ServerCallHandler
{
    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Debug, "gRPC call {Method} starting.")]
        public static partial void CallStarting(ILogger logger, string method);

        [LoggerMessage(1001, LogLevel.Debug, "gRPC call {Method} finished with status {StatusCode}.")]
        public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode);

        [LoggerMessage(1002, LogLevel.Warning, "Rejected gRPC call {Method}: {StatusCode} {Detail}")]
        public static partial void RequestRejected(ILogger logger, string method, StatusCode statusCode, string detail);

        [LoggerMessage(1003, LogLevel.Error, "The handler of gRPC call {Method} threw an unhandled exception.")]
        public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(1004, LogLevel.Debug, "gRPC call {Method} was cancelled.")]
        public static partial void CallCancelled(ILogger logger, string method);

        [LoggerMessage(1005, LogLevel.Information, "Request to gRPC method {Method} has content type '{ContentType}'; responding 415.")]
        public static partial void UnsupportedContentType(ILogger logger, string method, string? contentType);

        [LoggerMessage(1006, LogLevel.Information, "Request to gRPC method {Method} used {Protocol}; responding 426.")]
        public static partial void UnsupportedProtocol(ILogger logger, string method, string protocol);
    }
}
