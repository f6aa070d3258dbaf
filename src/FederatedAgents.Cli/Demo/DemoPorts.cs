using System.Net;
using System.Net.Sockets;

namespace FederatedAgents.Cli.Demo;

/// <summary>Free loopback ports, chosen up front because issuers and partner addresses name them before anything starts.</summary>
internal static class DemoPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
