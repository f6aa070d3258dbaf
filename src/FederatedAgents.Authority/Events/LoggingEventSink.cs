using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Events;

/// <summary>The default sink: issuance at Debug, denials and revocations at Information, tokens by <c>jti</c> only.</summary>
internal sealed partial class LoggingEventSink : IAuthorityEventSink
{
    private readonly ILogger _logger;

    public LoggingEventSink(ILogger<LoggingEventSink> logger) => _logger = logger;

    public ValueTask WriteAsync(AuthorityEvent authorityEvent, CancellationToken cancellationToken)
    {
        switch (authorityEvent)
        {
            case TokenIssuedEvent issued when _logger.IsEnabled(LogLevel.Debug):
                Log.Issued(_logger, issued.Kind, issued.JwtId, issued.Operation, issued.ClientId, issued.Chain.ToString(), string.Join(' ', issued.Chain.Scopes), string.Join(", ", issued.Audiences));
                break;
            case RequestDeniedEvent denied:
                Log.Denied(_logger, denied.Operation, denied.ClientId, denied.Error, denied.Reason);
                break;
            case TokenRevokedEvent revoked:
                Log.Revoked(_logger, revoked.JwtId, revoked.DescendantIds.Count, revoked.ClientId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
