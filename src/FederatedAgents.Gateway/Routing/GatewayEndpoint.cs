using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Gateway.Limits;
using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Calls;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Routing;

/// <summary>
/// The gateway's request delegate. Per call: not gRPC → 415; route by <c>:path</c> (none → UNIMPLEMENTED);
/// identify the caller; run the filters (authentication, authorization); tell the observers the decision;
/// check the concurrency limits (full → RESOURCE_EXHAUSTED) and pick a healthy endpoint (none → UNAVAILABLE);
/// forward; tell the observers the outcome; send whatever status the agent did not.
/// </summary>
internal sealed partial class GatewayEndpoint(
    GatewaySnapshotProvider snapshots,
    CallForwarder forwarder,
    GatewayCallCounter calls,
    IEnumerable<IGatewayCallFilter> filters,
    IEnumerable<IGatewayCallObserver> observers,
    TimeProvider time,
    ILogger<GatewayEndpoint> logger,
    OutboundRoutes? outbound = null)
{
    private readonly IGatewayCallFilter[] _filters = [.. filters];
    private readonly IGatewayCallObserver[] _observers = [.. observers];

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Log.UnsupportedContentType(logger, request.Path.Value ?? "", request.ContentType);
            await GrpcHttpRequests.WriteUnsupportedMediaTypeAsync(http.Response, request.ContentType);
            return;
        }

        if (!GrpcHttpRequests.IsHttp2OrLater(request.Protocol))
        {
            await GrpcHttpRequests.WriteHttp2RequiredAsync(http);
            return;
        }

        GrpcHttpRequests.LiftRequestLimits(http);
        var start = time.GetTimestamp();
        calls.Enter();
        try
        {
            var connection = http.Features.Get<PartnerConnectionFeature>();
            var target = connection is null ? OutboundTargetOf(request) : null;
            var (snapshot, route) = target is null ? Resolve(request.Path.Value ?? "") : ResolveOutbound(target);
            try
            {
                var caller = connection is { } partner ? partner.Resolve(snapshot) : CallerInfo.Local;
                using var call = new GatewayCall(http, snapshot, request.Path.Value ?? "", route, caller ?? CallerInfo.Local, _observers.Length > 0, start)
                {
                    OutboundTarget = target,
                };
                var outcome = await RunAsync(call, caller is null);
                await CompleteAsync(call, outcome);
            }
            finally
            {
                route?.Cluster.Release();
            }
        }
        finally
        {
            calls.Exit();
        }
    }

    /// <summary>The current snapshot and the path's route, its cluster held for the call.</summary>
    private (GatewaySnapshot Snapshot, Route? Route) Resolve(string path)
    {
        while (true)
        {
            var snapshot = snapshots.Current;
            var route = snapshot.Routes.Find(path);
            if (route is null || route.Cluster.TryHold())
            {
                return (snapshot, route);
            }

            // The cluster closed because a reload replaced it since this snapshot was read: read the new one.
        }
    }

    /// <summary>The partner a local caller addressed with <c>fa-target-org</c>; null for calls to local agents.</summary>
    private static string? OutboundTargetOf(HttpRequest request) =>
        request.Headers[FederationMetadata.TargetOrganization].ToString() is { Length: > 0 } target ? target : null;

    /// <summary>The route to the partner's gateway (null when calls to it are not configured), held for the call.</summary>
    private (GatewaySnapshot Snapshot, Route? Route) ResolveOutbound(string partner)
    {
        var snapshot = snapshots.Current;
        var route = outbound?.Find(snapshot, partner);
        return route is not null && route.Cluster.TryHold() ? (snapshot, route) : (snapshot, null);
    }

    private async Task<ForwardOutcome> RunAsync(GatewayCall call, bool unknownPartner)
    {
        var timeoutValid = TryReadTimeout(call.HttpContext.Request, out var callerTimeout);
        Status? refusal;
        try
        {
            refusal = await DecideAsync(call, unknownPartner, timeoutValid);
        }
        catch (Exception) when (call.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new ForwardOutcome(new Status(StatusCode.Cancelled, "The caller cancelled the call."), Sent: false, ResponseStarted: false, CallerGone: true);
        }
        catch (Exception ex)
        {
            Log.FilterFailed(logger, call.Method, ex);
            refusal = new Status(StatusCode.Internal, "The gateway could not check the call.");
        }

        refusal = Decided(call, refusal);
        if (refusal is { } refused)
        {
            return Refuse(refused);
        }

        var route = call.Route!;
        if (ConcurrencyLimit.TryEnterAll(route.Limits) is { } full)
        {
            Log.LimitReached(logger, call.Method, full.Scope, full.Limit);
            return Refuse(new Status(StatusCode.ResourceExhausted, $"Too many calls in flight for {full.Scope} (limit {full.Limit}); retry later."));
        }

        try
        {
            if (route.Cluster.Endpoints.Pick() is not { } endpoint)
            {
                Log.NoHealthyEndpoint(logger, call.Method, route.Agent.Name);
                return Refuse(new Status(StatusCode.Unavailable, $"No healthy endpoint for agent '{route.Agent.Name}'."));
            }

            var timeout = callerTimeout is null ? route.Timeout : route.Timeout is { } cap && cap < callerTimeout ? cap : callerTimeout;
            return await forwarder.ForwardAsync(call, endpoint, timeout);
        }
        finally
        {
            ConcurrencyLimit.ExitAll(route.Limits);
        }
    }

    private async Task CompleteAsync(GatewayCall call, ForwardOutcome outcome)
    {
        var result = new GatewayCallResult(outcome.Status, time.GetElapsedTime(call.StartTimestamp), call.Request.Summarize(), call.Response.Summarize());
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnCompletingAsync(call, result);
            }
            catch (Exception ex)
            {
                // Audit failing closes the call: the caller gets INTERNAL instead of a status that was not recorded.
                Log.ObserverFailed(logger, call.Method, observer.GetType().Name, ex);
                if (outcome.ResponseStarted || !call.HttpContext.Response.HasStarted)
                {
                    outcome = outcome with { Status = new Status(StatusCode.Internal, "The gateway could not record the call."), Sent = false };
                }
            }
        }

        if (outcome.CallerGone)
        {
            return;
        }

        if (!outcome.Sent)
        {
            GatewayResponses.WriteStatus(call.HttpContext, outcome.Status, outcome.ResponseStarted);
        }

        GatewayResponses.AppendTrailers(call.HttpContext, call.AddedTrailers, outcome.ResponseStarted);
    }

    private static ForwardOutcome Refuse(Status status) => new(status, Sent: false, ResponseStarted: false, CallerGone: false);
}
