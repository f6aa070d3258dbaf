using System.Collections.Concurrent;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Grpc;

namespace FederatedAgents.Gateway.Tests;

/// <summary>
/// A filter and observer that record what the gateway tells them, keyed by call path; the filter refuses calls
/// whose request carries <c>x-refuse</c> (with that status detail) and can set a response filter on every call.
/// </summary>
internal sealed class RecordingHooks : IGatewayCallFilter, IGatewayCallObserver
{
    public ConcurrentQueue<GatewayCall> Checked { get; } = new();

    public ConcurrentQueue<(string Method, Status? Refusal)> Decisions { get; } = new();

    public ConcurrentQueue<(string Method, GatewayCallResult Result)> Completions { get; } = new();

    public IResponseMessageFilter? ResponseFilter { get; init; }

    /// <summary>Added to every call's trailers when set.</summary>
    public KeyValuePair<string, string>? Trailer { get; init; }

    public ValueTask<Status?> CheckAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        Checked.Enqueue(call);
        call.ResponseFilter = ResponseFilter;
        var refuse = call.HttpContext.Request.Headers["x-refuse"].ToString();
        return ValueTask.FromResult<Status?>(refuse.Length > 0 ? new Status(StatusCode.PermissionDenied, refuse) : null);
    }

    public void OnDecision(GatewayCall call, Status? refusal) => Decisions.Enqueue((call.Method, refusal));

    public ValueTask OnCompletingAsync(GatewayCall call, GatewayCallResult result)
    {
        Completions.Enqueue((call.Method, result));
        if (Trailer is { } trailer)
        {
            call.AddTrailer(trailer.Key, trailer.Value);
        }

        return ValueTask.CompletedTask;
    }
}
