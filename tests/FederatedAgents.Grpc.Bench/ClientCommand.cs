using System.CommandLine;
using System.Diagnostics;
using System.Runtime;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Testing.Echo;

namespace FederatedAgents.Grpc.Bench;

/// <summary>
/// <c>client --address URL</c>: unary Echo calls through this project's <see cref="GrpcChannel"/> from N concurrent
/// loops on one channel. Warm-up runs until the JIT has stopped compiling (tiering takes many seconds on a busy
/// machine) and is discarded; then one line per measured round and the median.
/// </summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "The echo server, e.g. http://127.0.0.1:5000.", Required = true };
        var concurrency = Options.AtLeast(1, new Option<int>("--concurrency") { Description = "Concurrent calls.", DefaultValueFactory = _ => 16 });
        var seconds = Options.AtLeast(1, new Option<int>("--seconds") { Description = "Length of each round.", DefaultValueFactory = _ => 5 });
        var rounds = Options.AtLeast(1, new Option<int>("--rounds") { Description = "Measured rounds.", DefaultValueFactory = _ => 3 });
        var warmup = Options.AtLeast(0, new Option<int>("--warmup") { Description = "Least seconds of discarded warm-up.", DefaultValueFactory = _ => 3 });
        var payload = Options.Payload();
        var command = new Command("client", "Measure the stack client's unary throughput (calls/s).") { address, concurrency, seconds, rounds, warmup, payload };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(address)!,
            parseResult.GetValue(concurrency),
            TimeSpan.FromSeconds(parseResult.GetValue(seconds)),
            parseResult.GetValue(rounds),
            TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
            EchoMessages.Request(parseResult.GetValue(payload)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string address, int concurrency, TimeSpan round, int rounds, TimeSpan warmup, EchoRequest request, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var invoker = channel.CreateCallInvoker();
        await WarmUpAsync(invoker, concurrency, warmup, request, cancellationToken);
        var results = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var (calls, failures, elapsed) = await MeasureAsync(invoker, concurrency, round, request, cancellationToken);
            results.Add(calls / elapsed.TotalSeconds);
            Console.WriteLine($"round {i + 1}: {results[^1]:0} calls/s ({calls} calls, {failures} failed)");
        }

        results.Sort();
        Console.WriteLine($"median: {results[results.Count / 2]:0} calls/s");
        return 0;
    }

    /// <summary>Calls for at least <paramref name="least"/> and until a 2-second window compiles no method, for at most a minute.</summary>
    private static async Task WarmUpAsync(CallInvoker invoker, int concurrency, TimeSpan least, EchoRequest request, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            await MeasureAsync(invoker, concurrency, TimeSpan.FromSeconds(2), request, cancellationToken);
        }
        while ((JitInfo.GetCompiledMethodCount() != compiled || elapsed.Elapsed < least) && elapsed.Elapsed < TimeSpan.FromMinutes(1));

        var steady = JitInfo.GetCompiledMethodCount() == compiled;
        Console.WriteLine($"warm-up: {elapsed.Elapsed.TotalSeconds:0} s; JIT {(steady ? "steady" : "still compiling")}");
    }

    private static async Task<(long Calls, long Failures, TimeSpan Elapsed)> MeasureAsync(
        CallInvoker invoker, int concurrency, TimeSpan duration, EchoRequest request, CancellationToken cancellationToken)
    {
        long calls = 0;
        long failures = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var call = invoker.AsyncUnaryCall(EchoMessages.Unary, default, request);
                try
                {
                    await call.ResponseAsync;
                    Interlocked.Increment(ref calls);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None)));
        return (calls, failures, stopwatch.Elapsed);
    }
}
