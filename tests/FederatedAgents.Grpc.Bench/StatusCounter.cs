using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Grpc.Bench;

/// <summary>
/// Counts calls, calls that ended with a <c>grpc-status</c> (trailer, or header of a Trailers-Only response) other
/// than 0, and calls the client cancelled: h2load only sees the HTTP status, so the server reports the gRPC outcome.
/// A timed h2load run resets the streams still in flight when it ends; those count as cancelled (CANCELLED, or a
/// reset surfacing as an I/O error), not as failures. Applied to both servers alike.
/// </summary>
internal sealed class StatusCounter
{
    private const string Cancelled = "1";

    private long _calls;
    private long _failed;
    private long _cancelled;

    public async Task CountAsync(HttpContext http, RequestDelegate next)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            await next(http);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            return;
        }

        var status = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers.GrpcStatus ?? default;
        if (status.Count == 0)
        {
            status = http.Response.Headers.GrpcStatus;
        }

        if (status == Cancelled || http.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancelled);
        }
        else if (status != "0")
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public override string ToString()
    {
        var calls = Volatile.Read(ref _calls);
        return $"calls={calls} grpc-status-not-ok={Volatile.Read(ref _failed)} cancelled-by-client={Volatile.Read(ref _cancelled)} "
            + $"allocated-bytes-per-call={GC.GetTotalAllocatedBytes() / Math.Max(1, calls)}";
    }
}
