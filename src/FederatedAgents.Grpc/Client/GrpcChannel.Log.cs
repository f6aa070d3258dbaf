using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Client;

public sealed partial class GrpcChannel
{
    /// <summary>Client log events, ids 1100–1199.</summary>
    internal static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Debug, "Starting gRPC call {Method} to {Address} (deadline {Deadline})")]
        public static partial void CallStarting(ILogger logger, string method, Uri address, DateTime? deadline);

        [LoggerMessage(1101, LogLevel.Debug, "gRPC call {Method} finished with status {StatusCode}")]
        public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode);

        [LoggerMessage(1102, LogLevel.Information, "gRPC call {Method} failed with status {StatusCode}: {Detail}")]
        public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail, Exception? exception);

        [LoggerMessage(1103, LogLevel.Warning, "Rejected the server certificate {Subject}: {Reason}")]
        public static partial void ServerCertificateRejected(ILogger logger, string subject, string reason);
    }
}
