using System.Collections.Concurrent;
using System.Reflection;
using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedAgents.Grpc.Client;

/// <summary>
/// A long-lived connection pool to one gRPC server. <c>http://</c> addresses speak HTTP/2 in clear
/// text with prior knowledge (h2c); <c>https://</c> addresses use TLS with ALPN <c>h2</c>. Thread-safe:
/// create one per server and share it; calls reuse its connections. Dispose it to close them.
/// </summary>
public sealed partial class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ICompressionProvider> _compressionProviders;
    private readonly CallInvoker _callInvoker;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GrpcChannel>();
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = options.MaxSendMessageSize ?? int.MaxValue;
        _compressionProviders = ChannelSettings.CompressionProviders(options.CompressionProviders);
        AcceptEncoding = MessageCompression.FormatAcceptEncoding(_compressionProviders.Keys);
        var handler = options.HttpHandler ?? ChannelHttpHandler.Create(options, Logger);
        Invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null);
        _callInvoker = new CallInvoker(this);
    }

    /// <summary>The server's base address: scheme, host and port.</summary>
    public Uri Address { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    internal int MaxReceiveMessageSize { get; }

    internal int MaxSendMessageSize { get; }

    internal string AcceptEncoding { get; }

    /// <summary>Sent as <c>user-agent</c> with every call, e.g. <c>federatedagents-grpc-dotnet/1.0.0</c>.</summary>
    internal static string UserAgent { get; } = "federatedagents-grpc-dotnet/" + ProductVersion();

    /// <exception cref="ArgumentException">The address is not an absolute http(s) URI without a path, or the options conflict.</exception>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException(
                $"'{address}' is not an absolute address; use e.g. http://localhost:5000 (h2c) or https://agent.example (TLS).",
                nameof(address));
        }

        return ForAddress(uri, options);
    }

    /// <inheritdoc cref="ForAddress(string, GrpcChannelOptions?)"/>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new GrpcChannelOptions();
        ChannelSettings.ValidateAddress(address);
        ChannelSettings.ValidateMessageSizes(options);
        ChannelHttpHandler.EnsureNoHandlerConflicts(options);
        return new GrpcChannel(address, options);
    }

    /// <summary>The invoker that starts calls on this channel; the same instance every time.</summary>
    public CallInvoker CreateCallInvoker()
    {
        ThrowIfDisposed();
        return _callInvoker;
    }

    /// <summary>Closes the channel's connections (when it owns its handler); calls in flight fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Invoker.Dispose();
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    internal Uri GetRequestUri(string methodFullName) =>
        _methodUris.GetOrAdd(methodFullName, static (path, address) => new Uri(address, path), Address);

    /// <summary>The provider for a per-call request encoding; throws when the channel has none by that name.</summary>
    internal ICompressionProvider GetRequestCompressor(string encoding) =>
        _compressionProviders.TryGetValue(encoding, out var provider)
            ? provider
            : throw new ArgumentException(
                $"CallOptions.RequestCompression '{encoding}' is not a compression provider of this channel " +
                $"(it has: {string.Join(", ", _compressionProviders.Keys)}); add it to GrpcChannelOptions.CompressionProviders.");

    /// <summary>
    /// The decompressor for a response's <c>grpc-encoding</c> (null for identity); false when the
    /// channel does not support that encoding.
    /// </summary>
    internal bool TryGetDecompressor(string encoding, out ICompressionProvider? provider)
    {
        if (encoding == GrpcProtocol.IdentityEncoding)
        {
            provider = null;
            return true;
        }

        return _compressionProviders.TryGetValue(encoding, out provider);
    }

    private static string ProductVersion()
    {
        var version = typeof(GrpcChannel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
