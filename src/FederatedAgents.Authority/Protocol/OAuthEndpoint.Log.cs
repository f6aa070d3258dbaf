using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Protocol;

internal sealed partial class OAuthEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Error, "The authority store failed during {Operation}; the client was told to retry.")]
        public static partial void StoreFailed(ILogger logger, string operation, Exception exception);
    }
}
