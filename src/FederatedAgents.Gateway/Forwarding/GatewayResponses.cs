using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore.Calls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Ends the caller's response with the gateway's own status, in the same wire form as the gRPC server: as
/// Trailers-Only when no response has begun (whatever headers were prepared are dropped), as trailers otherwise.
/// </summary>
internal static class GatewayResponses
{
    public static void WriteStatus(HttpContext http, Status status, bool responseStarted)
    {
        if (responseStarted)
        {
            GrpcResponseHeaders.WriteStatus(Trailers(http), status, trailers: null);
            return;
        }

        http.Response.Headers.Clear();
        http.Response.StatusCode = StatusCodes.Status200OK;
        GrpcResponseHeaders.WriteTrailersOnly(http.Response, status);
    }

    /// <summary>Adds trailers from the extension points where the status went: the trailers, or the headers of a Trailers-Only response.</summary>
    public static void AppendTrailers(HttpContext http, IReadOnlyList<KeyValuePair<string, string>> added, bool responseStarted)
    {
        if (added.Count == 0)
        {
            return;
        }

        var target = responseStarted ? Trailers(http) : http.Response.Headers;
        foreach (var (name, value) in added)
        {
            target.Append(name, value);
        }
    }

    private static IHeaderDictionary Trailers(HttpContext http) =>
        http.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers;
}
