using System.Net;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// The request to the agent: the caller's headers (custom metadata, <c>-bin</c> values byte for byte,
/// <c>grpc-encoding</c>, <c>user-agent</c>, ...) without hop-by-hop and pseudo headers, <c>te: trailers</c>,
/// and <c>grpc-timeout</c> set to what is left of the call's deadline. A call to a partner (an <see cref="OutboundHop"/>)
/// carries the partner token instead of the caller's, and its trace, but not the target header.
/// </summary>
internal static class UpstreamRequest
{
    public static HttpRequestMessage Create(Uri target, HttpRequest caller, RequestBodyContent content, TimeSpan? timeLeft, bool identityResponses, OutboundHop? outbound = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        foreach (var (name, values) in caller.Headers)
        {
            if (IsDropped(name) || (identityResponses && name.Equals(GrpcProtocol.AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase))
                || (outbound is not null && IsReplacedOutbound(name)))
            {
                continue;
            }

            if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(name, values.ToString());
            }
            else if (values.Count == 1)
            {
                headers.TryAddWithoutValidation(name, values.ToString());
            }
            else
            {
                headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        if (outbound is not null)
        {
            headers.TryAddWithoutValidation(HeaderNames.Authorization, "Bearer " + outbound.PartnerToken);
            headers.TryAddWithoutValidation(FederationMetadata.TraceParent, outbound.TraceParent);
        }

        if (timeLeft is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (identityResponses)
        {
            // A response filter reads whole messages; compressed ones would have to be inflated first.
            headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        }

        return request;
    }

    /// <summary>The caller's token (it never leaves the organization), the target header, and the trace (set anew).</summary>
    private static bool IsReplacedOutbound(string name) =>
        name.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
        || name.Equals(FederationMetadata.TargetOrganization, StringComparison.OrdinalIgnoreCase)
        || name.Equals(FederationMetadata.TraceParent, StringComparison.OrdinalIgnoreCase);

    /// <summary>Pseudo and hop-by-hop headers, and those the gateway sets itself (authority, deadline).</summary>
    private static bool IsDropped(string name) =>
        name.StartsWith(':')
        || HopByHopHeaders.Contains(name)
        || name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.ProxyAuthorization, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocol.TimeoutHeader, StringComparison.OrdinalIgnoreCase);
}
