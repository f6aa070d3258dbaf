namespace FederatedAgents.Authority.Events;

/// <summary>
/// Receives every <see cref="AuthorityEvent"/> before the response leaves, so an audit log can record
/// it (register your own singleton to replace the default, which logs). An exception fails the request
/// with <c>500 server_error</c>: nothing is issued that was not recorded.
/// </summary>
public interface IAuthorityEventSink
{
    ValueTask WriteAsync(AuthorityEvent authorityEvent, CancellationToken cancellationToken);
}
