using System.Buffers.Binary;
using System.Globalization;
using FederatedAgents.Testing.Echo;
using Google.Protobuf;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// The processes of tests/bench/gateway.sh, one per invocation:
/// <c>agent PORT</c> (the Echo agent), <c>forwarder PORT AGENT_URL</c> (a minimal Kestrel→SocketsHttpHandler forwarder),
/// <c>gateway [--digests] [--secured …]</c> (the federated gateway; its organization file and ports come from configuration:
/// <c>--config FILE</c> and <c>Gateway__…</c> environment overrides), <c>body SIZE FILE</c> (an h2load request body),
/// <c>authority FOLDER AUDIENCE</c> (a stand-in authority key for the secured gateway and a token from it).
/// Every server answers <c>GET /bench/stats</c> with "calls non-zero-statuses" since the previous read.
/// </summary>
internal static class GatewayBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["agent", var port]:
                await BenchHosts.RunAgentAsync(int.Parse(port, CultureInfo.InvariantCulture));
                return 0;
            case ["forwarder", var port, var agent]:
                await BenchHosts.RunForwarderAsync(int.Parse(port, CultureInfo.InvariantCulture), new Uri(agent));
                return 0;
            case ["gateway", .. var rest]:
                await BenchHosts.RunGatewayAsync(rest);
                return 0;
            case ["body", var size, var file]:
                await File.WriteAllBytesAsync(file, Body(int.Parse(size, CultureInfo.InvariantCulture)));
                return 0;
            case ["authority", var folder, var audience]:
                await Console.Out.WriteLineAsync(StandInAuthority.Create(folder, audience));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: gateway-bench agent PORT | forwarder PORT AGENT_URL | gateway --config FILE [--digests] [--secured [--no-token-cache] [--no-audit]] | body SIZE FILE | authority FOLDER AUDIENCE");
                return 2;
        }
    }

    /// <summary>One gRPC frame whose protobuf message (an EchoRequest with a payload) is exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Body(int size)
    {
        var request = new EchoRequest();
        for (var payload = Math.Max(0, size - 2); request.CalculateSize() != size && payload >= 0; payload--)
        {
            request.Payload = ByteString.CopyFrom(new byte[payload]);
            if (request.CalculateSize() == size)
            {
                break;
            }
        }

        var message = request.ToByteArray();
        if (message.Length != size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "No EchoRequest has exactly that size; pick another.");
        }

        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
