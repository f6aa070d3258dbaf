using System.Buffers.Text;
using System.Text.RegularExpressions;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// The guard every text field of an audit event passes: bounded length, no control characters or
/// broken UTF-16, and nothing that looks like a JWS/JWT/JWE compact token anywhere in the text.
/// Tokens are referenced by <c>jti</c> or by digest (<see cref="Sha256Hash.Of"/>), never stored.
/// </summary>
internal static partial class AuditText
{
    public const int IdentifierMaxLength = 256;
    public const int ProseMaxLength = 1024;

    public static string Required(string? value, string field, int maxLength = IdentifierMaxLength) =>
        Optional(value, field, maxLength)
        ?? throw new ArgumentException($"Audit field '{field}' is required and must not be empty.", field);

    public static string? Optional(string? value, string field, int maxLength = IdentifierMaxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0 || value.Length > maxLength)
        {
            throw new ArgumentException(
                $"Audit field '{field}' must be 1 to {maxLength} characters (got {value.Length}); audit records hold identifiers and digests, not payloads.",
                field);
        }

        if (value.Any(char.IsControl) || !IsWellFormed(value))
        {
            throw new ArgumentException($"Audit field '{field}' contains control characters or malformed UTF-16.", field);
        }

        if (ContainsToken(value))
        {
            throw new ArgumentException(
                $"Audit field '{field}' contains what looks like a compact JWS/JWT; record its 'jti' or its SHA-256 digest instead of the token.",
                field);
        }

        return value;
    }

    public static IReadOnlyList<string> List(IReadOnlyList<string>? values, string field) =>
        values is null ? [] : [.. values.Select(v => Required(v, field))];

    /// <summary>True when a run of dot-separated base64url segments starts with an encoded JSON object, as a JOSE header does.</summary>
    public static bool ContainsToken(string value)
    {
        Span<byte> decoded = stackalloc byte[48];
        foreach (Match match in CompactSerialization().Matches(value))
        {
            var header = match.Groups["header"].Value;
            var prefix = header[..(Math.Min(header.Length, 64) / 4 * 4)];
            if (Base64Url.TryDecodeFromChars(prefix, decoded, out var written)
                && decoded[..written].TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Zero-width, so every segment start is a candidate: "auth.eyJ….eyJ….sig" is caught at its second segment.
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?=(?<header>[A-Za-z0-9_-]{4,})\.[A-Za-z0-9_-]*\.)", RegexOptions.CultureInvariant)]
    private static partial Regex CompactSerialization();
}
