using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// A JWS signature algorithm this project accepts (RFC 7518 §3). The set is closed: ES256 is the
/// default, ES384 is available, RS256 and PS256 exist for partners whose configuration names them.
/// <c>none</c> and the HMAC algorithms (HS*) are never representable, so no key can ever be used
/// as an HMAC secret.
/// </summary>
public sealed class JwsAlgorithm
{
    public static readonly JwsAlgorithm ES256 = new("ES256", JwkKeyType.EC, HashAlgorithmName.SHA256, EcCurve.P256, null);
    public static readonly JwsAlgorithm ES384 = new("ES384", JwkKeyType.EC, HashAlgorithmName.SHA384, EcCurve.P384, null);
    public static readonly JwsAlgorithm RS256 = new("RS256", JwkKeyType.RSA, HashAlgorithmName.SHA256, null, RSASignaturePadding.Pkcs1);
    public static readonly JwsAlgorithm PS256 = new("PS256", JwkKeyType.RSA, HashAlgorithmName.SHA256, null, RSASignaturePadding.Pss);

    /// <summary>Every supported algorithm, ES256 first.</summary>
    public static IReadOnlyList<JwsAlgorithm> All { get; } = [ES256, ES384, RS256, PS256];

    private JwsAlgorithm(string name, JwkKeyType keyType, HashAlgorithmName hash, EcCurve? curve, RSASignaturePadding? padding)
    {
        Name = name;
        KeyType = keyType;
        Hash = hash;
        Curve = curve;
        RsaPadding = padding;
    }

    /// <summary>The registered <c>alg</c> value, compared case-sensitively.</summary>
    public string Name { get; }

    internal JwkKeyType KeyType { get; }

    internal HashAlgorithmName Hash { get; }

    /// <summary>The curve an ECDSA algorithm is bound to; null for RSA.</summary>
    internal EcCurve? Curve { get; }

    internal RSASignaturePadding? RsaPadding { get; }

    /// <summary>Exact, case-sensitive lookup of an <c>alg</c> value.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        algorithm = All.FirstOrDefault(a => a.Name == name);
        return algorithm is not null;
    }

    /// <summary>Lookup for configuration; throws <see cref="FormatException"/> naming the supported values.</summary>
    public static JwsAlgorithm Parse(string name) =>
        TryParse(name, out var algorithm)
            ? algorithm
            : throw new FormatException($"JWS algorithm '{name}' is not supported; use one of {SupportedNames}.");

    internal static string SupportedNames => string.Join(", ", All.Select(a => a.Name));

    public override string ToString() => Name;
}

/// <summary>The JWK <c>kty</c> values this project handles.</summary>
internal enum JwkKeyType
{
    EC,
    RSA,
}
