using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Grpc.Bench;

/// <summary>
/// Counts calls and those whose <c>grpc-status</c> (trailer, or header of a Trailers-Only response) is missing or not 0:
/// h2load only sees the HTTP status, so the server reports the gRPC outcome. Applied to both servers alike.
/// </summary>
internal sealed class StatusCounter
{
    private long _calls;
    private long _failed;

    public async Task CountAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        Interlocked.Increment(ref _calls);
        var status = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers.GrpcStatus ?? default;
        if (status.Count == 0)
        {
            status = http.Response.Headers.GrpcStatus;
        }

        if (status != "0")
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public override string ToString()
    {
        var calls = Volatile.Read(ref _calls);
        return $"calls={calls} grpc-status-not-ok={Volatile.Read(ref _failed)} allocated-bytes-per-call={GC.GetTotalAllocatedBytes() / Math.Max(1, calls)}";
    }
}
