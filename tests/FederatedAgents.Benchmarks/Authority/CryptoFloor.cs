using System.Diagnostics;
using System.Security.Cryptography;

namespace FederatedAgents.Benchmarks.Authority;

/// <summary>
/// The cost of the ES256 operations a token request cannot avoid, measured on this machine in this run:
/// one thread signing (and verifying) a token-sized input with the BCL for a fixed time.
/// </summary>
internal static class CryptoFloor
{
    public static (double SignMicroseconds, double VerifyMicroseconds) Measure(TimeSpan duration)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = RandomNumberGenerator.GetBytes(600);
        var signature = key.SignData(input, HashAlgorithmName.SHA256);
        var sign = Time(duration, () => key.SignData(input, HashAlgorithmName.SHA256));
        var verify = Time(duration, () => key.VerifyData(input, signature, HashAlgorithmName.SHA256));
        return (sign, verify);
    }

    /// <summary>Microseconds per call of <paramref name="operation"/>, run for <paramref name="duration"/>.</summary>
    private static double Time(TimeSpan duration, Func<object> operation)
    {
        for (var i = 0; i < 200; i++)
        {
            operation();
        }

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

        return watch.Elapsed.TotalMicroseconds / count;
    }
}
