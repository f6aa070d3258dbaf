using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Routing;

internal sealed partial class GatewayEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(4030, LogLevel.Information, "Request to {Path} has content type '{ContentType}'; responding 415.")]
        public static partial void UnsupportedContentType(ILogger logger, string path, string? contentType);

        [LoggerMessage(4031, LogLevel.Information, "Call {Method} matches no route; responding UNIMPLEMENTED.")]
        public static partial void Unrouted(ILogger logger, string method);

        [LoggerMessage(4032, LogLevel.Warning, "Call {Method} refused: {Scope} has {Limit} calls in flight.")]
        public static partial void LimitReached(ILogger logger, string method, string scope, int limit);

        [LoggerMessage(4033, LogLevel.Warning, "Call {Method} refused: agent {Agent} has no healthy endpoint.")]
        public static partial void NoHealthyEndpoint(ILogger logger, string method, string agent);

        [LoggerMessage(4034, LogLevel.Error, "Call observer {Observer} failed on call {Method}.")]
        public static partial void ObserverFailed(ILogger logger, string method, string observer, Exception exception);

        [LoggerMessage(4035, LogLevel.Error, "A call filter failed on call {Method}; the call is refused with INTERNAL.")]
        public static partial void FilterFailed(ILogger logger, string method, Exception exception);
    }
}
