using System.Text.Json;

namespace FederatedAgents.Tokens.Jose;

public sealed partial class JsonWebKey
{
    private static readonly string[] s_privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Parses one public JWK; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonWebKey Parse(string json)
    {
        var element = StrictJson.ParseObject(System.Text.Encoding.UTF8.GetBytes(json), out var problem)
            ?? throw new FormatException($"The JWK {problem}.");
        return TryParse(element, out problem) ?? throw new FormatException(problem);
    }

    /// <summary>
    /// Reads a public signing JWK. Returns null with a reason for keys that are malformed, private,
    /// not for signatures, or of a type, curve or algorithm this project does not support.
    /// </summary>
    internal static JsonWebKey? TryParse(JsonElement jwk, out string problem)
    {
        problem = "";
        if (s_privateMembers.FirstOrDefault(m => jwk.TryGetProperty(m, out _)) is { } secret)
        {
            problem = $"it contains the private member '{secret}'; publish only public keys";
            return null;
        }

        if (!OptionalString(jwk, "kid", out var keyId, ref problem)
            || !OptionalString(jwk, "use", out var use, ref problem)
            || !OptionalString(jwk, "alg", out var algName, ref problem)
            || !OptionalString(jwk, "kty", out var keyType, ref problem))
        {
            return null;
        }

        if (use is not null and not "sig")
        {
            problem = $"its use is '{use}', not 'sig'";
            return null;
        }

        if (jwk.TryGetProperty("key_ops", out var ops) && !AllowsVerify(ops))
        {
            problem = "its key_ops do not include 'verify'";
            return null;
        }

        JwsAlgorithm? algorithm = null;
        if (algName is not null && !JwsAlgorithm.TryParse(algName, out algorithm))
        {
            problem = $"its alg '{algName}' is not a supported signature algorithm ({JwsAlgorithm.SupportedNames})";
            return null;
        }

        return keyType switch
        {
            "EC" => ParseEc(jwk, algorithm, keyId, out problem),
            "RSA" => ParseRsa(jwk, algorithm, keyId, out problem),
            null => Fail("it has no 'kty'", out problem),
            _ => Fail($"its kty '{keyType}' is not supported (EC or RSA)", out problem),
        };
    }

    private static JsonWebKey? ParseEc(JsonElement jwk, JwsAlgorithm? algorithm, string? keyId, out string problem)
    {
        problem = "";
        if (!OptionalString(jwk, "crv", out var curveName, ref problem))
        {
            return null;
        }

        var curve = EcCurve.FromName(curveName);
        if (curve is null)
        {
            return Fail($"its crv '{curveName}' is not supported (P-256 or P-384)", out problem);
        }

        var implied = curve == EcCurve.P256 ? JwsAlgorithm.ES256 : JwsAlgorithm.ES384;
        if (algorithm is not null && algorithm != implied)
        {
            return Fail($"its alg '{algorithm}' does not match curve {curve.Name} (which means {implied})", out problem);
        }

        var x = Coordinate(jwk, "x", curve, ref problem);
        var y = Coordinate(jwk, "y", curve, ref problem);
        if (x is null || y is null)
        {
            return null;
        }

        return Create(implied, x, y, keyId, out problem);
    }

    private static JsonWebKey? ParseRsa(JsonElement jwk, JwsAlgorithm? algorithm, string? keyId, out string problem)
    {
        problem = "";
        if (algorithm is null || algorithm.KeyType != JwkKeyType.RSA)
        {
            return Fail(
                algorithm is null
                    ? "it is an RSA key without 'alg'; an RSA key must name exactly one algorithm (RS256 or PS256)"
                    : $"its alg '{algorithm}' is not an RSA algorithm",
                out problem);
        }

        var modulus = Integer(jwk, "n", ref problem);
        var exponent = Integer(jwk, "e", ref problem);
        if (modulus is null || exponent is null)
        {
            return null;
        }

        if (modulus.Length * 8 < MinimumRsaKeySizeBits)
        {
            return Fail($"its modulus has {modulus.Length * 8} bits; at least {MinimumRsaKeySizeBits} are required", out problem);
        }

        return Create(algorithm, modulus, exponent, keyId, out problem);
    }

    private static JsonWebKey? Create(JwsAlgorithm algorithm, byte[] first, byte[] second, string? keyId, out string problem)
    {
        problem = "";
        try
        {
            return new JsonWebKey(algorithm, first, second, keyId);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return Fail($"its key material is not a valid {algorithm} public key ({e.Message})", out problem);
        }
    }

    private static byte[]? Coordinate(JsonElement jwk, string name, EcCurve curve, ref string problem)
    {
        var bytes = Integer(jwk, name, ref problem, allowLeadingZero: true);
        if (bytes is not null && bytes.Length != curve.CoordinateSize)
        {
            problem = $"its '{name}' is {bytes.Length} bytes; {curve.Name} coordinates are exactly {curve.CoordinateSize}";
            return null;
        }

        return bytes;
    }

    private static byte[]? Integer(JsonElement jwk, string name, ref string problem, bool allowLeadingZero = false)
    {
        if (!jwk.TryGetProperty(name, out var value) || !StrictJson.TryGetString(value, out var text))
        {
            problem = $"its '{name}' is missing or not a string";
            return null;
        }

        var bytes = StrictBase64Url.Decode(text);
        if (bytes is null || bytes.Length == 0)
        {
            problem = $"its '{name}' is not base64url";
            return null;
        }

        if (!allowLeadingZero && bytes[0] == 0)
        {
            problem = $"its '{name}' has a leading zero octet (RFC 7518 §6.3.1 forbids it)";
            return null;
        }

        return bytes;
    }

    private static bool OptionalString(JsonElement jwk, string name, out string? value, ref string problem)
    {
        if (StrictJson.TryGetOptionalString(jwk, name, out value))
        {
            return true;
        }

        problem = $"its '{name}' is not a string";
        return false;
    }

    private static bool AllowsVerify(JsonElement ops) =>
        ops.ValueKind == JsonValueKind.Array
        && ops.EnumerateArray().Any(op => op.ValueKind == JsonValueKind.String && op.ValueEquals("verify"));

    private static JsonWebKey? Fail(string reason, out string problem)
    {
        problem = reason;
        return null;
    }
}
