using Microsoft.Net.Http.Headers;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Headers that describe one hop, not the call (RFC 9110 §7.6.1, RFC 9113 §8.2.2): never copied from one side of
/// the gateway to the other. <c>content-length</c> is among them: a gRPC body is a stream the gateway re-frames.
/// </summary>
internal static class HopByHopHeaders
{
    public static bool Contains(string name) =>
        name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase)
        || name.Equals("proxy-connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.TE, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);
}
