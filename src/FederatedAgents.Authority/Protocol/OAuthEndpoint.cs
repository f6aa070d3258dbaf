using System.Data.Common;
using System.Diagnostics;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Protocol;

/// <summary>
/// Runs one OAuth request: an <see cref="OAuthException"/> becomes its RFC 6749 §5.2 response and a
/// <see cref="RequestDeniedEvent"/>; a store failure becomes <c>503 temporarily_unavailable</c> (logged
/// with its details, which the client never sees).
/// </summary>
internal sealed partial class OAuthEndpoint
{
    private readonly AuthoritySettings _settings;
    private readonly IAuthorityEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OAuthEndpoint(AuthoritySettings settings, IAuthorityEventSink events, TimeProvider time, ILogger<OAuthEndpoint> logger)
    {
        _settings = settings;
        _events = events;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(HttpContext context, string operation, Func<RequestState, Task> handle)
    {
        var state = new RequestState(operation);
        try
        {
            await handle(state);
        }
        catch (OAuthException e)
        {
            await DenyAsync(context, state, e);
        }
        catch (DbException e)
        {
            Log.StoreFailed(_logger, state.Operation, e);
            await DenyAsync(context, state, OAuthException.TemporarilyUnavailable("the authority's store is unavailable; try again shortly."));
        }
    }

    private async Task DenyAsync(HttpContext context, RequestState state, OAuthException error)
    {
        await _events.WriteAsync(
            new RequestDeniedEvent
            {
                Time = _time.GetUtcNow(),
                ClientId = state.ClientId,
                Operation = state.Operation,
                TraceId = Activity.Current?.TraceId.ToString(),
                Error = error.Error,
                Reason = error.Description,
            },
            context.RequestAborted);
        await OAuthResponses.WriteErrorAsync(context.Response, error, _settings.Issuer);
    }
}

/// <summary>What is known about a request so far, for the event if it is denied.</summary>
internal sealed class RequestState(string operation)
{
    public string Operation { get; set; } = operation;

    public string? ClientId { get; set; }
}
