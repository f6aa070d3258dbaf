using BenchmarkDotNet.Attributes;
using FederatedAgents.Gateway.Forwarding;

namespace FederatedAgents.Benchmarks.Gateway;

/// <summary>
/// What the gateway pays per call to follow the framing of both bodies, with and without the SHA-256 digests
/// an audit observer asks for (one request and one response message of the given size).
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- --filter '*PayloadMeterBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class PayloadMeterBenchmarks
{
    private byte[] _body = [];

    [Params(12, 1024)]
    public int MessageSize { get; set; }

    [GlobalSetup]
    public void Setup() => _body = Frame(MessageSize);

    [Benchmark(Baseline = true)]
    public long FramingOnly() => Meter(digest: false);

    [Benchmark]
    public long FramingAndDigests() => Meter(digest: true);

    private static byte[] Frame(int size)
    {
        var frame = new byte[5 + size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        return frame;
    }

    private long Meter(bool digest)
    {
        using var request = new PayloadMeter(digest);
        using var response = new PayloadMeter(digest);
        request.Observe(_body);
        response.Observe(_body);
        return request.Summarize().Bytes + response.Summarize().Bytes;
    }
}
