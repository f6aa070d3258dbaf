using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Revocation;

internal sealed partial class RevocationListRefresher
{
    private static partial class Log
    {
        [LoggerMessage(3040, LogLevel.Information, "Revocation list loaded: {Count} revoked tokens, store sequence at {Sequence}.")]
        public static partial void Loaded(ILogger logger, int count, long sequence);

        [LoggerMessage(3041, LogLevel.Warning, "Polling the store for revocations failed; retrying on the next tick.")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(3042, LogLevel.Debug, "Purged {Rows} expired rows from the authority store.")]
        public static partial void Purged(ILogger logger, int rows);
    }
}
