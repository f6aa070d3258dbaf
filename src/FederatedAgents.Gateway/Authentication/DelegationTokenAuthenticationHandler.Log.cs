using FederatedAgents.Tokens.Validation;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Authentication;

internal sealed partial class DelegationTokenAuthenticationHandler
{
    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Information, "Refused a token for {Method}: {Code}: {Reason}")]
        public static partial void TokenRejected(ILogger logger, string method, TokenErrorCode code, string reason);
    }
}
