using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace FederatedAgents.Tokens.Jose;

/// <summary>JWS compact serialization (RFC 7515 §7.1): creating signed tokens.</summary>
public static class CompactJws
{
    /// <summary>
    /// Signs <paramref name="payload"/> with a protected header of exactly <c>alg</c>, <c>kid</c>
    /// and <c>typ</c> (explicit typing, RFC 8725 §3.11), e.g. <c>at+jwt</c> or <c>audit-receipt+jwt</c>.
    /// </summary>
    public static string Sign(SigningKey key, string type, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var header = StrictJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("alg", key.Algorithm.Name);
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("typ", type);
            writer.WriteEndObject();
        });

        var headerLength = Base64Url.GetEncodedLength(header.Length);
        var signingInput = new byte[headerLength + 1 + Base64Url.GetEncodedLength(payload.Length)];
        Base64Url.EncodeToUtf8(header, signingInput);
        signingInput[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, signingInput.AsSpan(headerLength + 1));

        var signature = key.Sign(signingInput);
        return string.Concat(Encoding.ASCII.GetString(signingInput), ".", Base64Url.EncodeToString(signature));
    }

    /// <summary>Signs a JSON payload written by <paramref name="writePayload"/>.</summary>
    public static string Sign(SigningKey key, string type, Action<Utf8JsonWriter> writePayload) =>
        Sign(key, type, StrictJson.Write(writePayload));
}
