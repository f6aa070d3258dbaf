using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Events;

internal sealed partial class LoggingEventSink
{
    private static partial class Log
    {
        [LoggerMessage(3010, LogLevel.Debug, "Issued {Kind} {JwtId} ({Operation}, client {ClientId}): {Chain}; scope '{Scope}'; audience {Audiences}.")]
        public static partial void Issued(ILogger logger, string kind, string jwtId, string operation, string? clientId, string chain, string scope, string audiences);

        [LoggerMessage(3011, LogLevel.Information, "Denied {Operation} for client {ClientId}: {Error}: {Reason}")]
        public static partial void Denied(ILogger logger, string operation, string? clientId, string error, string reason);

        [LoggerMessage(3012, LogLevel.Information, "Revoked token {JwtId} and {Descendants} tokens exchanged from it (client {ClientId}).")]
        public static partial void Revoked(ILogger logger, string jwtId, int descendants, string? clientId);
    }
}
