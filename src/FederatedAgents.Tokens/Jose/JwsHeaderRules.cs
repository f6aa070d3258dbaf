using System.Buffers;
using System.Text.Json;
using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// The JOSE header rules (RFC 7515 §4, RFC 8725 §2–3): a supported <c>alg</c> (never none or
/// HMAC, in any casing), no <c>crit</c> (no extension is understood), no key carried in or
/// pointed to by the token, nothing that belongs to JWE or unencoded payloads, a <c>kid</c>
/// that is a plain name, and a string <c>typ</c> when present.
/// </summary>
internal static class JwsHeaderRules
{
    public const int MaxKeyIdLength = 128;

    private static readonly string[] s_keyCarriers = ["jwk", "jku", "x5u", "x5c"];
    private static readonly string[] s_foreign = ["enc", "zip", "b64"];
    private static readonly SearchValues<char> s_pathOrUrl = SearchValues.Create("/\\?#%:");

    public static TokenError? Check(JsonElement header, out JwsAlgorithm? algorithm, out string? keyId, out string? type)
    {
        algorithm = null;
        keyId = null;
        type = null;
        if (CheckAlgorithm(header, out algorithm) is { } algorithmError)
        {
            return algorithmError;
        }

        if (header.TryGetProperty("crit", out _))
        {
            return new TokenError(TokenErrorCode.UnsupportedCriticalHeader, "the header has 'crit'; no critical header extension is understood here (RFC 7515 §4.1.11)");
        }

        if (s_keyCarriers.FirstOrDefault(name => header.TryGetProperty(name, out _)) is { } carrier)
        {
            return new TokenError(TokenErrorCode.EmbeddedKey, $"the header has '{carrier}'; keys are never taken from a token, only from the issuer's configured keys");
        }

        if (s_foreign.FirstOrDefault(name => header.TryGetProperty(name, out _)) is { } foreign)
        {
            return new TokenError(TokenErrorCode.Malformed, $"the header has '{foreign}', which a compact JWS with an encoded payload never carries");
        }

        if (CheckKeyId(header, out keyId) is { } keyIdError)
        {
            return keyIdError;
        }

        if (header.TryGetProperty("typ", out var typ))
        {
            if (!StrictJson.TryGetString(typ, out var typText))
            {
                return new TokenError(TokenErrorCode.Malformed, "the header's 'typ' is not a string");
            }

            type = typText;
        }

        return null;
    }

    private static TokenError? CheckAlgorithm(JsonElement header, out JwsAlgorithm? algorithm)
    {
        algorithm = null;
        if (!header.TryGetProperty("alg", out var alg) || !StrictJson.TryGetString(alg, out var name))
        {
            return new TokenError(TokenErrorCode.Malformed, "the header has no string 'alg'");
        }

        if (JwsAlgorithm.TryParse(name, out algorithm))
        {
            return null;
        }

        var description = name.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? $"alg '{name}' (an unsecured JWS) is never accepted"
            : name.StartsWith("HS", StringComparison.OrdinalIgnoreCase)
                ? $"alg '{name}' (HMAC) is never accepted; tokens are verified with the issuer's public keys only"
                : $"alg '{Truncate(name)}' is not supported; the accepted algorithms are {JwsAlgorithm.SupportedNames}";
        return new TokenError(TokenErrorCode.AlgorithmNotAllowed, description);
    }

    private static TokenError? CheckKeyId(JsonElement header, out string? keyId)
    {
        keyId = null;
        if (!header.TryGetProperty("kid", out var kid) || !StrictJson.TryGetString(kid, out var text))
        {
            return new TokenError(TokenErrorCode.InvalidKeyId, "the header has no string 'kid'; every token must name the issuer key that signed it");
        }

        if (text.Length is 0 or > MaxKeyIdLength)
        {
            return new TokenError(TokenErrorCode.InvalidKeyId, $"the 'kid' is {text.Length} characters; it must be 1 to {MaxKeyIdLength}");
        }

        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                return new TokenError(TokenErrorCode.InvalidKeyId, "the 'kid' contains whitespace, control or non-ASCII characters");
            }
        }

        if (text.AsSpan().ContainsAny(s_pathOrUrl) || text.Contains("..", StringComparison.Ordinal))
        {
            return new TokenError(TokenErrorCode.InvalidKeyId, $"the 'kid' '{text}' contains path or URL characters; a kid only selects among the issuer's published keys");
        }

        keyId = text;
        return null;
    }

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
