using System.Buffers.Text;
using System.Text;

namespace FederatedAgents.Grpc.Protocol;

/// <summary>
/// Converts <see cref="Metadata"/> to and from HTTP/2 header values. Binary values are sent as
/// unpadded base64; received ones may be padded or not, and comma-joined values are split first.
/// </summary>
public static class MetadataHeaders
{
    /// <summary>The header value to send for an entry.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>
    /// Adds received header values to <paramref name="metadata"/>, skipping protocol-reserved names.
    /// A binary value that is not valid base64 is dropped rather than failing the call.
    /// </summary>
    public static void AddReceived(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return;
        }

        var key = name.ToLowerInvariant();
        var binary = key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (!binary)
            {
                if (Metadata.IsPrintableAscii(value))
                {
                    metadata.Add(key, value);
                }

                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryDecodeBase64(part, out var bytes))
                {
                    metadata.Add(key, bytes);
                }
            }
        }
    }

    /// <summary>Decodes padded or unpadded standard base64.</summary>
    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        var utf8 = Encoding.ASCII.GetBytes(padded);
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(utf8.Length)];
        if (Base64.DecodeFromUtf8(utf8, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
