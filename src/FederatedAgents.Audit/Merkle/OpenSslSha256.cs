using System.Runtime.InteropServices;

namespace FederatedAgents.Audit.Merkle;

/// <summary>
/// SHA-256 through OpenSSL's low-level <c>SHA256_Init/Update/Final</c>, where the process can load the libcrypto
/// that .NET itself uses on Linux. The BCL reaches the same code through EVP, whose per-hash setup (provider
/// lookup under a lock, error-queue clearing, context reset) costs about 0.4 µs: more than hashing a 65-byte
/// tree node, and a third of hashing an audit record. Null elsewhere; callers then use the BCL.
/// </summary>
internal sealed unsafe class OpenSslSha256
{
    /// <summary><c>SHA256_CTX</c> is 112 bytes in every OpenSSL since 0.9.8; the buffer leaves room to spare.</summary>
    private const int ContextSize = 256;

    private readonly delegate* unmanaged<byte*, int> _init;
    private readonly delegate* unmanaged<byte*, byte*, nuint, int> _update;
    private readonly delegate* unmanaged<byte*, byte*, int> _final;

    private OpenSslSha256(nint init, nint update, nint final)
    {
        _init = (delegate* unmanaged<byte*, int>)init;
        _update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
        _final = (delegate* unmanaged<byte*, byte*, int>)final;
    }

    public static OpenSslSha256? Instance { get; } = Load();

    /// <summary>Writes SHA-256(<paramref name="prefix"/> || <paramref name="data"/>) into <paramref name="destination"/> (32 bytes).</summary>
    public void Hash(byte prefix, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Sha256Hash.Length)
        {
            throw new ArgumentException($"The destination must hold {Sha256Hash.Length} bytes.", nameof(destination));
        }

        var context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            if (_init(context) != 1 || _update(context, &prefix, 1) != 1 || _update(context, input, (nuint)data.Length) != 1 || _final(output, context) != 1)
            {
                throw new InvalidOperationException("OpenSSL's SHA-256 failed.");
            }
        }
    }

    private static OpenSslSha256? Load()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                return new OpenSslSha256(init, update, final);
            }
        }

        return null;
    }
}
