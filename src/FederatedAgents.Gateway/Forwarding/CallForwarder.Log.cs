using FederatedAgents.Grpc;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Forwarding;

internal sealed partial class CallForwarder
{
    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Warning, "Call {Method} to agent {Agent} at {Endpoint} failed with {StatusCode}.")]
        public static partial void UpstreamFailed(ILogger logger, string method, string agent, Uri endpoint, StatusCode statusCode, Exception exception);

        [LoggerMessage(4001, LogLevel.Warning, "Agent {Agent} at {Endpoint} answered call {Method} with an invalid response: {Problem}")]
        public static partial void InvalidResponse(ILogger logger, string method, string agent, Uri endpoint, string problem);

        [LoggerMessage(4002, LogLevel.Debug, "Call {Method} to agent {Agent} was cancelled by the caller; the agent's stream was reset.")]
        public static partial void CallerCancelled(ILogger logger, string method, string agent);

        [LoggerMessage(4003, LogLevel.Information, "Call {Method} to agent {Agent} passed its deadline; the agent's stream was reset.")]
        public static partial void DeadlineExceeded(ILogger logger, string method, string agent);
    }
}
