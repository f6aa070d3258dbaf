using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// A public EC or RSA signing key as a JWK (RFC 7517, RFC 7518 §6), bound to exactly one
/// algorithm: an EC key's algorithm follows its curve, an RSA key's must be stated. Its key id
/// defaults to its RFC 7638 thumbprint. Instances are immutable and safe to share.
/// </summary>
public sealed partial class JsonWebKey
{
    /// <summary>RSA moduli below this size are refused (RFC 7518 §3.3).</summary>
    public const int MinimumRsaKeySizeBits = 2048;

    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;

    private JsonWebKey(JwsAlgorithm algorithm, byte[] first, byte[] second, string? keyId)
    {
        Algorithm = algorithm;
        if (algorithm.Curve is { } curve)
        {
            X = first;
            Y = second;
            _ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = new ECPoint { X = first, Y = second } });
        }
        else
        {
            Modulus = first;
            Exponent = second;
            _rsa = RSA.Create(new RSAParameters { Modulus = first, Exponent = second });
        }

        Thumbprint = JwkThumbprint.Compute(this);
        KeyId = keyId ?? Thumbprint;
    }

    /// <summary>The <c>kid</c>; the RFC 7638 thumbprint when the JWK named none.</summary>
    public string KeyId { get; }

    /// <summary>The only algorithm this key verifies.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint { get; }

    internal byte[]? X { get; }

    internal byte[]? Y { get; }

    internal byte[]? Modulus { get; }

    internal byte[]? Exponent { get; }

    /// <summary>The public half of an ECDSA key (P-256 → ES256, P-384 → ES384).</summary>
    public static JsonWebKey FromECDsa(ECDsa key, string? keyId = null)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var curve = EcCurve.FromOid(parameters.Curve.Oid)
            ?? throw new ArgumentException("Only P-256 and P-384 keys are supported.", nameof(key));
        return new JsonWebKey(curve == EcCurve.P256 ? JwsAlgorithm.ES256 : JwsAlgorithm.ES384, parameters.Q.X!, parameters.Q.Y!, keyId);
    }

    /// <summary>The public half of an RSA key, bound to <paramref name="algorithm"/> (RS256 or PS256).</summary>
    public static JsonWebKey FromRsa(RSA key, JwsAlgorithm algorithm, string? keyId = null)
    {
        if (algorithm.KeyType != JwkKeyType.RSA)
        {
            throw new ArgumentException($"{algorithm} is not an RSA algorithm; use RS256 or PS256.", nameof(algorithm));
        }

        if (key.KeySize < MinimumRsaKeySizeBits)
        {
            throw new ArgumentException($"RSA keys must have at least {MinimumRsaKeySizeBits} bits; this one has {key.KeySize}.", nameof(key));
        }

        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey(algorithm, parameters.Modulus!, parameters.Exponent!, keyId);
    }

    /// <summary>Writes the public JWK with <c>kty</c>, key material, <c>kid</c>, <c>alg</c> and <c>use: sig</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (X is not null)
        {
            writer.WriteString("kty", "EC");
            writer.WriteString("crv", Algorithm.Curve!.Name);
            writer.WriteString("x", Base64Url.EncodeToString(X));
            writer.WriteString("y", Base64Url.EncodeToString(Y!));
        }
        else
        {
            writer.WriteString("kty", "RSA");
            writer.WriteString("n", Base64Url.EncodeToString(Modulus!));
            writer.WriteString("e", Base64Url.EncodeToString(Exponent!));
        }

        writer.WriteString("kid", KeyId);
        writer.WriteString("alg", Algorithm.Name);
        writer.WriteString("use", "sig");
        writer.WriteEndObject();
    }

    public string ToJson() => System.Text.Encoding.UTF8.GetString(StrictJson.Write(WriteTo));

    /// <summary>The key as a DER SubjectPublicKeyInfo (RFC 5280), the form key hashes of signed notes are taken over.</summary>
    public byte[] ExportSubjectPublicKeyInfo() =>
        _ecdsa is not null ? _ecdsa.ExportSubjectPublicKeyInfo() : _rsa!.ExportSubjectPublicKeyInfo();

    /// <summary>
    /// Verifies a signature made with <see cref="Algorithm"/> over <paramref name="signingInput"/> (see
    /// <see cref="SigningKey.Sign"/>). ECDSA signatures must be r || s, each exactly one coordinate long
    /// and in [1, n-1]; RSA signatures exactly the modulus length.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (_ecdsa is not null)
        {
            return HasValidEcdsaShape(Algorithm, signature)
                && _ecdsa.VerifyData(signingInput, signature, Algorithm.Hash);
        }

        return signature.Length == Modulus!.Length
            && _rsa!.VerifyData(signingInput, signature, Algorithm.Hash, Algorithm.RsaPadding!);
    }

    /// <summary>True when an ECDSA signature is r || s, each exactly one coordinate long and in [1, n-1].</summary>
    internal static bool HasValidEcdsaShape(JwsAlgorithm algorithm, ReadOnlySpan<byte> signature)
    {
        var curve = algorithm.Curve!;
        var half = curve.CoordinateSize;
        return signature.Length == 2 * half
            && curve.IsInSignatureRange(signature[..half])
            && curve.IsInSignatureRange(signature[half..]);
    }
}
