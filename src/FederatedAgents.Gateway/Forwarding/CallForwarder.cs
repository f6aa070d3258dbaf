using FederatedAgents.Gateway.Health;
using FederatedAgents.Grpc;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Forwards one call to one agent endpoint: request headers and body streamed up, response headers, messages and
/// trailers streamed back, as they come. The deadline (the caller's <c>grpc-timeout</c> capped by the route's timeout)
/// is enforced here: when it passes the agent's stream is reset and the caller gets DEADLINE_EXCEEDED. A caller that
/// resets its stream has the agent's stream reset too; an agent that resets or fails gives the caller a mapped status.
/// </summary>
internal sealed partial class CallForwarder(TimeProvider time, ILogger<CallForwarder> logger)
{
    private static readonly Action<object?> s_cancel = static state => ((CancellationTokenSource)state!).Cancel();

    public async Task<ForwardOutcome> ForwardAsync(GatewayCall call, AgentEndpoint endpoint, TimeSpan? timeout)
    {
        var http = call.HttpContext;
        var route = call.Route!;
        var callerAborted = http.RequestAborted;
        CancellationTokenSource? deadline = null;
        CancellationTokenRegistration callerRegistration = default;
        var cancellation = callerAborted;
        TimeSpan? timeLeft = null;
        if (timeout is { } limit)
        {
            // The deadline runs from when the gateway received the call.
            var left = limit - time.GetElapsedTime(call.StartTimestamp);
            timeLeft = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            deadline = new CancellationTokenSource(timeLeft.Value, time);
            callerRegistration = callerAborted.UnsafeRegister(s_cancel, deadline);
            cancellation = deadline.Token;
        }

        var content = new RequestBodyContent(http.Request.BodyReader, call.Request, call.RequestFilter);
        using var request = UpstreamRequest.Create(endpoint.GetRequestUri(call.Method), http.Request, content, timeLeft, call.ResponseFilter is not null, call.Outbound);
        HttpResponseMessage? response = null;
        var responseStarted = false;
        try
        {
            response = await route.Cluster.Invoker.SendAsync(request, cancellation);
            if (ResponseHeaders.Accept(response, http.Response, route.Agent.Name, out var passedThrough) is { } early)
            {
                return new ForwardOutcome(early, Sent: passedThrough, ResponseStarted: false, CallerGone: false);
            }

            responseStarted = true;
            var body = await response.Content.ReadAsStreamAsync(cancellation);
            var failure = call.ResponseFilter is { } filter
                ? await ResponseBody.CopyFilteredAsync(body, http.Response, call.Response, filter, route.Agent.Name, cancellation)
                : await ResponseBody.CopyAsync(body, http.Response, call.Response, route.Agent.Name, cancellation);
            if (failure is { } broken)
            {
                Log.InvalidResponse(logger, call.Method, route.Agent.Name, endpoint.Address, broken.Detail);
                return new ForwardOutcome(broken, Sent: false, ResponseStarted: true, CallerGone: false);
            }

            var trailers = http.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers;
            var copied = ResponseHeaders.TryCopyTrailers(response, trailers, route.Agent.Name, out var status);
            if (!copied)
            {
                Log.InvalidResponse(logger, call.Method, route.Agent.Name, endpoint.Address, status.Detail);
            }

            return new ForwardOutcome(status, Sent: copied, ResponseStarted: true, CallerGone: false);
        }
        catch (Exception ex)
        {
            return Fail(call, endpoint, ex, deadline, responseStarted);
        }
        finally
        {
            response?.Dispose();
            await content.StopAsync();
            callerRegistration.Dispose();
            deadline?.Dispose();
        }
    }

    private ForwardOutcome Fail(GatewayCall call, AgentEndpoint endpoint, Exception exception, CancellationTokenSource? deadline, bool responseStarted)
    {
        var agent = call.Route!.Agent.Name;
        if (call.HttpContext.RequestAborted.IsCancellationRequested)
        {
            Log.CallerCancelled(logger, call.Method, agent);
            return new ForwardOutcome(new Status(StatusCode.Cancelled, "The caller cancelled the call."), false, responseStarted, CallerGone: true);
        }

        if (deadline?.IsCancellationRequested == true)
        {
            Log.DeadlineExceeded(logger, call.Method, agent);
            return new ForwardOutcome(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), false, responseStarted, false);
        }

        var status = UpstreamFailures.ToStatus(exception, agent);
        Log.UpstreamFailed(logger, call.Method, agent, endpoint.Address, status.StatusCode, exception);
        return new ForwardOutcome(status, false, responseStarted, false);
    }
}
