using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Client;

/// <summary>Checks a channel's address and options up front, with messages that name the fix.</summary>
internal static class ChannelSettings
{
    public static void ValidateAddress(Uri address)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"Channel address '{address}' must start with http:// (HTTP/2 without TLS) or https:// (HTTP/2 over TLS).",
                nameof(address));
        }

        if (address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw new ArgumentException(
                $"Channel address '{address}' must not have a path, query or fragment; " +
                $"use only scheme, host and port, e.g. {address.GetLeftPart(UriPartial.Authority)}.",
                nameof(address));
        }
    }

    public static void ValidateMessageSizes(GrpcChannelOptions options)
    {
        EnsurePositive(options.MaxReceiveMessageSize, nameof(GrpcChannelOptions.MaxReceiveMessageSize));
        EnsurePositive(options.MaxSendMessageSize, nameof(GrpcChannelOptions.MaxSendMessageSize));
    }

    /// <summary>The channel's providers by wire name: gzip when none are configured.</summary>
    public static IReadOnlyDictionary<string, ICompressionProvider> CompressionProviders(IList<ICompressionProvider>? configured)
    {
        if (configured is null)
        {
            return MessageCompression.Providers;
        }

        var providers = new Dictionary<string, ICompressionProvider>(StringComparer.Ordinal);
        foreach (var provider in configured)
        {
            if (provider.EncodingName == GrpcProtocol.IdentityEncoding || !providers.TryAdd(provider.EncodingName, provider))
            {
                throw new ArgumentException(
                    $"GrpcChannelOptions.CompressionProviders lists '{provider.EncodingName}' twice or as identity; list each encoding once.");
            }
        }

        return providers;
    }

    private static void EnsurePositive(int? size, string name)
    {
        if (size is <= 0)
        {
            throw new ArgumentException($"GrpcChannelOptions.{name} is {size}; use a positive size in bytes, or null for no limit.");
        }
    }
}
