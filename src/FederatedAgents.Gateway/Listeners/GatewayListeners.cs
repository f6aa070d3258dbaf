using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FederatedAgents.Gateway.Listeners;

/// <summary>The gateway's listeners as Kestrel bound them (port 0 in the configuration becomes the port chosen), once the host has started.</summary>
internal sealed class GatewayListeners
{
    private ListenOptions? _partner;
    private ListenOptions? _local;
    private string _localScheme = Uri.UriSchemeHttp;

    /// <summary>The partner listener's address, e.g. <c>https://127.0.0.1:8443</c>; null when it is not configured.</summary>
    public Uri? Partner => Address(_partner, Uri.UriSchemeHttps);

    /// <summary>The local listener's address; null when it is not configured.</summary>
    public Uri? Local => Address(_local, _localScheme);

    public void SetPartner(ListenOptions options) => _partner = options;

    public void SetLocal(ListenOptions options, bool tls)
    {
        _local = options;
        _localScheme = tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
    }

    private static Uri? Address(ListenOptions? options, string scheme) =>
        options?.IPEndPoint is { } endpoint ? new Uri($"{scheme}://{Host(endpoint.Address)}:{endpoint.Port}") : null;

    private static string Host(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
