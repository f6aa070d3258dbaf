using Microsoft.Extensions.Logging;

namespace FederatedAgents.Audit.Checkpoints;

public sealed partial class AuditCheckpointer
{
    /// <summary>Checkpointer log events, ids 3100–3199.</summary>
    private static partial class Log
    {
        [LoggerMessage(3100, LogLevel.Debug, "Signed checkpoint of {Origin} at {Size} records, root {Root}")]
        public static partial void Signed(ILogger logger, string origin, long size, string root);

        [LoggerMessage(3101, LogLevel.Critical, "Refusing to sign a checkpoint of {Origin}: {Reason}")]
        public static partial void RefusedToSign(ILogger logger, string origin, string reason);

        [LoggerMessage(3102, LogLevel.Error, "Signing a checkpoint of {Origin} failed; retrying at the next poll")]
        public static partial void SigningFailed(ILogger logger, string origin, Exception exception);
    }
}
