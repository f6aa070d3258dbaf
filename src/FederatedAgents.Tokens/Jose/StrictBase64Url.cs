using System.Buffers;
using System.Buffers.Text;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// base64url as JWS requires it (RFC 7515 §2): the URL-safe alphabet only, no padding, no
/// whitespace, and canonical trailing bits, so one byte string has exactly one encoding.
/// (The BCL's <c>Base64Url.TryDecodeFromChars</c> accepts padding and whitespace and throws on
/// non-canonical bits, so it is never called on token text directly.)
/// </summary>
internal static class StrictBase64Url
{
    private static readonly SearchValues<char> s_alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static bool IsAlphabetOnly(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_alphabet);

    /// <summary>Decodes <paramref name="text"/>, or returns null when it is not strict base64url.</summary>
    public static byte[]? Decode(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1 || !IsAlphabetOnly(text))
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
        {
            return null;
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }
}
