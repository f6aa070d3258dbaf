using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>
/// A TCP relay in front of an h2c server that reads the client's HTTP/2 frames as they pass and
/// counts the PING frames the client initiates (not ACKs).
/// </summary>
internal sealed class PingCountingProxy : IAsyncDisposable
{
    private const int PrefaceLength = 24;
    private const int FrameHeaderLength = 9;
    private const byte PingFrame = 0x6;
    private const byte AckFlag = 0x1;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _pings;

    public PingCountingProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int PingCount => Volatile.Read(ref _pings);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var toClient = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            try
            {
                await CopyFramesAsync(client.GetStream(), server.GetStream());
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or EndOfStreamException)
            {
                // Either side closed the connection.
            }

            await toClient.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task CopyFramesAsync(Stream from, Stream to)
    {
        var preface = new byte[PrefaceLength];
        await from.ReadExactlyAsync(preface, _stop.Token);
        await to.WriteAsync(preface, _stop.Token);
        var header = new byte[FrameHeaderLength];
        while (true)
        {
            await from.ReadExactlyAsync(header, _stop.Token);
            var length = (header[0] << 16) | BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1));
            if (header[3] == PingFrame && (header[4] & AckFlag) == 0)
            {
                Interlocked.Increment(ref _pings);
            }

            var payload = new byte[length];
            await from.ReadExactlyAsync(payload, _stop.Token);
            await to.WriteAsync(header, _stop.Token);
            await to.WriteAsync(payload, _stop.Token);
        }
    }
}
