using System.Diagnostics;
using System.Security.Cryptography;

namespace FederatedAgents.Benchmarks.Authority;

/// <summary>
/// The cost of the ES256 operations a token request cannot avoid, measured on this machine in this run:
/// one thread signing (and verifying) a token-sized input with the BCL for a fixed time, as elapsed time
/// and as CPU time (which a busy machine distorts less).
/// </summary>
internal static class CryptoFloor
{
    public static (Cost Sign, Cost Verify) Measure(TimeSpan duration)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = RandomNumberGenerator.GetBytes(600);
        var signature = key.SignData(input, HashAlgorithmName.SHA256);
        var sign = Time(duration, () => key.SignData(input, HashAlgorithmName.SHA256));
        var verify = Time(duration, () => key.VerifyData(input, signature, HashAlgorithmName.SHA256));
        return (sign, verify);
    }

    /// <summary>Per call of <paramref name="operation"/>, run for <paramref name="duration"/>.</summary>
    private static Cost Time(TimeSpan duration, Func<object> operation)
    {
        for (var i = 0; i < 200; i++)
        {
            operation();
        }

        var cpu = CpuTime.Start();
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 100; i++)
            {
                operation();
            }

            count += 100;
        }

        return new Cost(watch.Elapsed.TotalMicroseconds / count, cpu.Elapsed.TotalMicroseconds / count);
    }
}

/// <summary>Microseconds per operation: elapsed, and CPU time of the whole process.</summary>
internal readonly record struct Cost(double Elapsed, double Cpu);

/// <summary>The process's CPU time since <see cref="Start"/>.</summary>
internal readonly struct CpuTime
{
    private readonly TimeSpan _start;

    private CpuTime(TimeSpan start) => _start = start;

    public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - _start;

    public static CpuTime Start() => new(Process.GetCurrentProcess().TotalProcessorTime);
}
