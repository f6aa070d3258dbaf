using FederatedAgents.Grpc.AspNetCore.Binding;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>
/// Runs one mapped method for every request to its path: checks the request, creates the call
/// context, runs the method's shape-specific part and turns its outcome into the call's status.
/// </summary>
internal abstract partial class ServerCallHandler
{
    protected ServerCallHandler(string method, ServerSettings server)
    {
        Method = method;
        Server = server;
    }

    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    protected ServerSettings Server { get; }

    /// <summary>The endpoint's request delegate.</summary>
    public Task HandleCallAsync(HttpContext http) => RejectRequest(http) ?? RunCallAsync(http);

    private async Task RunCallAsync(HttpContext http)
    {
        GrpcHttpRequests.LiftRequestLimits(http);
        var call = new HttpServerCallContext(http, Method, Server);
        Log.CallStarting(Server.Logger, Method);
        try
        {
            if (call.Start() is { } rejection)
            {
                Log.RequestRejected(Server.Logger, Method, rejection.StatusCode, rejection.Detail);
                await call.CompleteAsync(rejection);
                return;
            }

            await HandleCallCoreAsync(call);
            await call.CompleteAsync(call.Status);
        }
        catch (Exception ex)
        {
            await call.CompleteAsync(ToStatus(call, ex));
        }
        finally
        {
            await call.EndAsync();
            Log.CallFinished(Server.Logger, Method, call.SentStatus?.StatusCode ?? StatusCode.OK);
        }
    }

    /// <summary>Reads the request, invokes the service method and writes its response (not the final status).</summary>
    protected abstract Task HandleCallCoreAsync(HttpServerCallContext call);

    /// <summary>Null for a gRPC request this method serves; otherwise the answer to it (415, 426, or UNIMPLEMENTED for a path in another case).</summary>
    private Task? RejectRequest(HttpContext http)
    {
        var request = http.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Log.UnsupportedContentType(Server.Logger, Method, request.ContentType);
            return GrpcHttpRequests.WriteUnsupportedMediaTypeAsync(http.Response, request.ContentType);
        }

        if (!GrpcHttpRequests.IsHttp2OrLater(request.Protocol))
        {
            Log.UnsupportedProtocol(Server.Logger, Method, request.Protocol);
            return GrpcHttpRequests.WriteHttp2RequiredAsync(http);
        }

        // Routing matches paths case-insensitively; gRPC paths are case-sensitive.
        if (!(request.Path.Value ?? "").EndsWith(Method, StringComparison.Ordinal))
        {
            UnknownMethodEndpoint.Respond(http, Server.Logger);
            return Task.CompletedTask;
        }

        return null;
    }

    private Status ToStatus(HttpServerCallContext call, Exception exception)
    {
        if (exception is RpcException rpc)
        {
            call.AddTrailers(rpc.Trailers);
            return rpc.Status;
        }

        if (call.IsDeadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        if (exception is OperationCanceledException)
        {
            if (Server.Stopping.IsCancellationRequested)
            {
                return new Status(StatusCode.Unavailable, "The server is shutting down.");
            }

            Log.CallCancelled(Server.Logger, Method);
            return new Status(StatusCode.Cancelled, "The call was cancelled.");
        }

        Log.HandlerFailed(Server.Logger, Method, exception);
        return new Status(StatusCode.Unknown, Server.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.");
    }
}
