using FederatedAgents.Gateway.Listeners;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// Counts the calls a server answered and those whose <c>grpc-status</c> was not 0 (h2load only sees HTTP status),
/// and serves the counts since the previous read at <c>GET /bench/stats</c>, followed by the audit commit figures
/// when the server appends to an audit log.
/// </summary>
internal sealed class StatusCounter
{
    private readonly AuditCommitStats? _audit;
    private long _calls;
    private long _failures;

    private StatusCounter(AuditCommitStats? audit) => _audit = audit;

    public static void Use(WebApplication app, AuditCommitStats? audit = null)
    {
        var counter = new StatusCounter(audit);
        // Served on the gateway's listeners too (where only endpoints marked so are reachable).
        app.MapGet("/bench/stats", () => counter.Read()).WithMetadata(GatewayListenerEndpoint.Instance);
        app.Use(async (context, next) =>
        {
            await next(context);
            counter.Record(context);
        });
    }

    private void Record(HttpContext context)
    {
        if (context.Request.Method != HttpMethods.Post)
        {
            return;
        }

        var status = context.Response.Headers[GrpcProtocol.StatusTrailer];
        if (status.Count == 0 && context.Features.Get<IHttpResponseTrailersFeature>() is { } trailers)
        {
            status = trailers.Trailers[GrpcProtocol.StatusTrailer];
        }

        Interlocked.Increment(ref _calls);
        if (status != "0")
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private string Read() => $"{Interlocked.Exchange(ref _calls, 0)} {Interlocked.Exchange(ref _failures, 0)}{(_audit is null ? "" : " " + _audit.Read())}";
}
