using System.IO.Compression;

namespace FederatedAgents.Grpc.Compression;

/// <summary>A message compression algorithm named in <c>grpc-encoding</c>.</summary>
public interface ICompressionProvider
{
    /// <summary>The token on the wire, e.g. <c>gzip</c>.</summary>
    string EncodingName { get; }

    Stream CreateCompressionStream(Stream destination, CompressionLevel level);

    Stream CreateDecompressionStream(Stream source);
}

/// <summary>gzip (RFC 1952), the encoding every gRPC implementation supports.</summary>
public sealed class GzipCompressionProvider : ICompressionProvider
{
    public static readonly GzipCompressionProvider Instance = new();

    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream destination, CompressionLevel level) =>
        new GZipStream(destination, level, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream source) =>
        new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
}
