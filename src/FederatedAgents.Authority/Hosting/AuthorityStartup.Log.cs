using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Hosting;

internal sealed partial class AuthorityStartup
{
    private static partial class Log
    {
        [LoggerMessage(3000, LogLevel.Information, "Authority {Issuer} of {Organization}: {Clients} clients, {Partners} partner authorities, {IdentityProviders} trusted identity providers.")]
        public static partial void Ready(ILogger logger, string issuer, string organization, int clients, int partners, int identityProviders);

        [LoggerMessage(3002, LogLevel.Warning, "The development identity provider is on: configured users log in with a password at {Endpoint}. Never enable it in production.")]
        public static partial void DevelopmentLogin(ILogger logger, string endpoint);
    }
}
