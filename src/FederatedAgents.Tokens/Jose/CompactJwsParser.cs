using FederatedAgents.Tokens.Validation;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// Reads a compact JWS strictly: size cap first, then exactly three base64url parts (a JWE or the
/// JSON serialization is refused by name), strict JSON header and payload, the header rules, and
/// the shape of an ECDSA signature. Never throws for bad input.
/// </summary>
internal static class CompactJwsParser
{
    public static ParsedJws? Parse(string token, int maxLength, out TokenError? error)
    {
        error = CheckShape(token, maxLength);
        if (error is not null)
        {
            return null;
        }

        var firstDot = token.IndexOf('.');
        var secondDot = token.IndexOf('.', firstDot + 1);
        var header = DecodeJson(token.AsSpan(0, firstDot), out var headerProblem);
        if (header is null)
        {
            error = Malformed($"the JOSE header {headerProblem}");
            return null;
        }

        error = JwsHeaderRules.Check(header.Value, out var algorithm, out var keyId, out var type);
        if (error is not null)
        {
            return null;
        }

        var payload = DecodeJson(token.AsSpan(firstDot + 1, secondDot - firstDot - 1), out var payloadProblem);
        if (payload is null)
        {
            error = Malformed($"the JWT claims set {payloadProblem}");
            return null;
        }

        var signature = StrictBase64Url.Decode(token.AsSpan(secondDot + 1));
        if (signature is null || signature.Length == 0)
        {
            error = Malformed(signature is null ? "the signature is not base64url" : "the signature is empty; unsecured JWS are never accepted");
            return null;
        }

        if (algorithm!.Curve is { } curve && !JsonWebKey.HasValidEcdsaShape(algorithm, signature))
        {
            error = new TokenError(
                TokenErrorCode.InvalidSignature,
                $"an {algorithm} signature must be r || s, {2 * curve.CoordinateSize} bytes, with r and s in [1, n-1]; this one is {signature.Length} bytes or has r or s out of range");
            return null;
        }

        return new ParsedJws
        {
            Algorithm = algorithm,
            KeyId = keyId!,
            Type = type,
            Payload = payload.Value,
            Signature = signature,
            SigningInputLength = secondDot,
        };
    }

    private static TokenError? CheckShape(string token, int maxLength)
    {
        if (token.Length > maxLength)
        {
            return new TokenError(TokenErrorCode.TooLarge, $"the token is {token.Length} characters; the limit is {maxLength}");
        }

        if (token.TrimStart().StartsWith('{'))
        {
            return new TokenError(TokenErrorCode.UnsupportedSerialization, "the JWS JSON serialization is not accepted; send the compact serialization");
        }

        var dots = token.AsSpan().Count('.');
        return dots switch
        {
            2 => null,
            4 => new TokenError(TokenErrorCode.UnsupportedSerialization, "the token has five parts (a JWE); an encrypted token is not accepted where a signed one is expected"),
            _ => Malformed($"a compact JWS has three base64url parts separated by '.', this token has {dots + 1}"),
        };
    }

    private static System.Text.Json.JsonElement? DecodeJson(ReadOnlySpan<char> part, out string problem)
    {
        var bytes = StrictBase64Url.Decode(part);
        if (bytes is null)
        {
            problem = "is not base64url";
            return null;
        }

        return StrictJson.ParseObject(bytes, out problem);
    }

    private static TokenError Malformed(string description) => new(TokenErrorCode.Malformed, description);
}
