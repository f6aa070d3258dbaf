using System.Buffers;
using System.IO.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Compression;

/// <summary>Compresses and decompresses single message payloads, bounding the decompressed size.</summary>
public static class MessageCompression
{
    /// <summary>The providers this stack understands, by wire name.</summary>
    public static readonly IReadOnlyDictionary<string, ICompressionProvider> Providers =
        new Dictionary<string, ICompressionProvider>(StringComparer.Ordinal)
        {
            [GzipCompressionProvider.Instance.EncodingName] = GzipCompressionProvider.Instance,
        };

    /// <summary>The <c>grpc-accept-encoding</c> value this stack advertises.</summary>
    public static readonly string AcceptEncoding = FormatAcceptEncoding(Providers.Keys);

    /// <summary>The <c>grpc-accept-encoding</c> value for a set of providers: identity first, then their names.</summary>
    public static string FormatAcceptEncoding(IEnumerable<string> encodingNames) =>
        GrpcProtocol.IdentityEncoding + "," + string.Join(',', encodingNames);

    public static byte[] Compress(ReadOnlySpan<byte> payload, ICompressionProvider provider, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var compressor = provider.CreateCompressionStream(output, level))
        {
            compressor.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses one message. Throws <see cref="RpcException"/> with RESOURCE_EXHAUSTED when the
    /// result would exceed <paramref name="maxSize"/> (a decompression bomb never fills memory) and
    /// INTERNAL when the bytes are not valid for the encoding.
    /// </summary>
    public static byte[] Decompress(ReadOnlySequence<byte> payload, ICompressionProvider provider, int maxSize)
    {
        using var input = new MemoryStream(payload.ToArray(), writable: false);
        using var decompressor = provider.CreateDecompressionStream(input);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = ReadOrFail(decompressor, buffer, provider)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Decompressed message exceeds the maximum message size of {maxSize} bytes.");
                }

                output.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }

    private static int ReadOrFail(Stream decompressor, byte[] buffer, ICompressionProvider provider)
    {
        try
        {
            return decompressor.Read(buffer, 0, buffer.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"Message is not valid {provider.EncodingName} data: {ex.Message}"), innerException: ex);
        }
    }
}
