using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Calls;
using FederatedAgents.Testing.Echo;
using FederatedAgents.Testing.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Gateway.Tests.Forwarding;

/// <summary>Pieces of hand-written agent responses for <c>TestEndpoint</c> handlers, right or deliberately wrong.</summary>
internal static class MisbehavingAgent
{
    /// <summary>Starts a gRPC response (unless started) and writes and flushes one well-framed message.</summary>
    public static Task WriteMessageAsync(HttpContext context, EchoResponse message) => WriteBytesAsync(context, GrpcRaw.Frame(message));

    /// <summary>Starts a gRPC response (unless started) and writes and flushes raw body bytes.</summary>
    public static async Task WriteBytesAsync(HttpContext context, byte[] bytes)
    {
        if (!context.Response.HasStarted)
        {
            GrpcResponseHeaders.WriteStart(context.Response);
        }

        await context.Response.BodyWriter.WriteAsync(bytes, context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Ends a started response with a status in the trailers.</summary>
    public static void EndWith(HttpContext context, Status status) =>
        GrpcResponseHeaders.WriteStatus(context.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers, status, trailers: null);
}
