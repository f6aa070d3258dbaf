using System.Net;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Listeners;

internal sealed partial class GatewayKestrelSetup
{
    private static partial class Log
    {
        [LoggerMessage(4070, LogLevel.Information, "Refused a partner connection from {Remote}: it presented no client certificate.")]
        public static partial void NoClientCertificate(ILogger logger, EndPoint? remote);

        [LoggerMessage(4071, LogLevel.Warning, "Refused a partner connection from {Remote}: no configured partner recognizes its client certificate {Subject}.")]
        public static partial void ClientCertificateRefused(ILogger logger, string subject, EndPoint? remote);
    }
}
