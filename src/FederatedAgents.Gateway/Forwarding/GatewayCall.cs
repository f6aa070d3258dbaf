using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Outbound;
using FederatedAgents.Gateway.Routing;
using FederatedAgents.Tokens.Validation;
using Microsoft.AspNetCore.Http;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// One call through the gateway, as the extension points see it: who calls (partner or local), what
/// (method, route, policy, snapshot), and what passed (<see cref="Request"/>, <see cref="Response"/>).
/// Filters fill in <see cref="Identity"/> and <see cref="ResponseFilter"/>; observers may add trailers.
/// </summary>
internal sealed class GatewayCall : IDisposable
{
    private List<KeyValuePair<string, string>>? _trailers;

    public GatewayCall(HttpContext http, GatewaySnapshot snapshot, string method, Route? route, CallerInfo caller, bool digestPayloads, long startTimestamp)
    {
        HttpContext = http;
        Snapshot = snapshot;
        Method = method;
        Route = route;
        Caller = caller;
        StartTimestamp = startTimestamp;
        Request = new PayloadMeter(digestPayloads);
        Response = new PayloadMeter(digestPayloads);
    }

    public HttpContext HttpContext { get; }

    /// <summary>The configuration the call started with; it keeps it to the end, whatever reloads meanwhile.</summary>
    public GatewaySnapshot Snapshot { get; }

    /// <summary>The request path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>Null when no agent serves the method (the call is refused with UNIMPLEMENTED).</summary>
    public Route? Route { get; }

    public CallerInfo Caller { get; }

    /// <summary>The validated delegation token; set by authentication, null until then (and for refused calls).</summary>
    public ValidatedToken? Identity { get; set; }

    /// <summary>
    /// Set by a filter (egress) when response messages must be rewritten before they leave: the forwarder then
    /// hands it each whole response message instead of copying bytes, and asks the agent for uncompressed messages.
    /// </summary>
    public IResponseMessageFilter? ResponseFilter { get; set; }

    /// <summary>
    /// Set by a filter (outbound calls) when request messages must be rewritten before they leave the organization:
    /// the forwarder then sends each whole request message through it. Its <c>RemovedPaths</c> are for the audit record.
    /// </summary>
    public EgressFrameFilter? RequestFilter { get; set; }

    /// <summary>
    /// The partner a local caller addressed (<c>fa-target-org</c>); null for calls to local agents. Such a call's
    /// <see cref="Route"/> leads to that partner's gateway.
    /// </summary>
    public string? OutboundTarget { get; init; }

    /// <summary>Set by identity chaining on a call to a partner: the partner token it travels with, its trace, its receipt.</summary>
    public OutboundHop? Outbound { get; set; }

    /// <summary>When the gateway received the call, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long StartTimestamp { get; }

    /// <summary>The request body as forwarded: bytes, messages and (when audited) its SHA-256.</summary>
    public PayloadMeter Request { get; }

    /// <summary>The response body as sent to the caller (after any <see cref="ResponseFilter"/>).</summary>
    public PayloadMeter Response { get; }

    /// <summary>Trailers the gateway adds to the caller's response (e.g. an audit receipt); reserved <c>grpc-*</c> names are not allowed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AddedTrailers => _trailers ?? [];

    /// <summary>Adds a trailer; call it before the call completes (from a filter or <see cref="IGatewayCallObserver.OnCompletingAsync"/>).</summary>
    public void AddTrailer(string name, string value)
    {
        if (name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{name}' is reserved by the gRPC protocol; choose another trailer name.", nameof(name));
        }

        (_trailers ??= []).Add(new(name, value));
    }

    public void Dispose()
    {
        Request.Dispose();
        Response.Dispose();
    }
}
