using System.Security.Cryptography;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// A private signing key bound to one algorithm, with its public JWK and a <c>kid</c> equal to
/// the RFC 7638 thumbprint. Load it from a PEM file (PKCS#8, SEC1 or PKCS#1) for deployments or
/// generate it for development. Thread-safe for signing.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;

    private SigningKey(ECDsa? ecdsa, RSA? rsa, JsonWebKey publicKey)
    {
        _ecdsa = ecdsa;
        _rsa = rsa;
        PublicKey = publicKey;
    }

    public JwsAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>The <c>kid</c>: the RFC 7638 thumbprint of <see cref="PublicKey"/>.</summary>
    public string KeyId => PublicKey.KeyId;

    public JsonWebKey PublicKey { get; }

    /// <summary>A fresh key for development or rotation: P-256/P-384 for ES*, 2048-bit RSA for RS256/PS256.</summary>
    public static SigningKey Generate(JwsAlgorithm? algorithm = null)
    {
        algorithm ??= JwsAlgorithm.ES256;
        return algorithm.Curve is { } curve
            ? FromECDsa(ECDsa.Create(curve.Curve), algorithm)
            : FromRsa(RSA.Create(JsonWebKey.MinimumRsaKeySizeBits), algorithm);
    }

    /// <summary>
    /// Loads an unencrypted private key from a PEM file. EC keys imply their algorithm (P-256 →
    /// ES256, P-384 → ES384); RSA keys need <paramref name="algorithm"/> (RS256 or PS256).
    /// Throws <see cref="FileNotFoundException"/> or <see cref="FormatException"/> naming the file and the fix.
    /// </summary>
    public static SigningKey FromPemFile(string path, JwsAlgorithm? algorithm = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Signing key file '{path}' does not exist; point the key path at a PEM private key.", path);
        }

        try
        {
            return FromPem(File.ReadAllText(path), algorithm);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Signing key file '{path}': {e.Message}", e);
        }
    }

    /// <inheritdoc cref="FromPemFile"/>
    public static SigningKey FromPem(string pem, JwsAlgorithm? algorithm = null)
    {
        var label = PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;
        switch (label)
        {
            case "PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY":
                break;
            case "ENCRYPTED PRIVATE KEY":
                throw new FormatException("the PEM key is encrypted; store it unencrypted in a protected file or secret (e.g. `openssl pkcs8 -nocrypt`).");
            default:
                throw new FormatException($"expected a PEM private key (-----BEGIN PRIVATE KEY-----), found {(label is null ? "no PEM block" : $"'{label}'")}.");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return FromECDsa(ecdsa, algorithm);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw new FormatException($"the PEM block is neither an EC nor an RSA private key ({e.Message}).", e);
        }

        if (algorithm is null)
        {
            rsa.Dispose();
            throw new FormatException("an RSA key needs an explicit algorithm (RS256 or PS256); ES256 keys need none.");
        }

        return FromRsa(rsa, algorithm);
    }

    /// <summary>The private key as unencrypted PKCS#8 PEM, for writing development keys to disk.</summary>
    public string ExportPkcs8Pem() =>
        _ecdsa is not null ? _ecdsa.ExportPkcs8PrivateKeyPem() : _rsa!.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Signs bytes with <see cref="Algorithm"/>: a JWS signing input, or any other statement verified with
    /// <see cref="JsonWebKey.Verify"/> (e.g. a signed note). ECDSA signatures come out as fixed-size r || s.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        _ecdsa is not null
            ? _ecdsa.SignData(signingInput, Algorithm.Hash)
            : _rsa!.SignData(signingInput, Algorithm.Hash, Algorithm.RsaPadding!);

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
    }

    private static SigningKey FromECDsa(ECDsa ecdsa, JwsAlgorithm? algorithm)
    {
        JsonWebKey publicKey;
        try
        {
            publicKey = JsonWebKey.FromECDsa(ecdsa);
        }
        catch (ArgumentException e)
        {
            ecdsa.Dispose();
            throw new FormatException($"{e.Message} Generate one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`.", e);
        }

        if (algorithm is not null && algorithm != publicKey.Algorithm)
        {
            ecdsa.Dispose();
            throw new FormatException($"the key is a {publicKey.Algorithm.Curve!.Name} key, which signs {publicKey.Algorithm}, not {algorithm}.");
        }

        return new SigningKey(ecdsa, null, publicKey);
    }

    private static SigningKey FromRsa(RSA rsa, JwsAlgorithm algorithm)
    {
        try
        {
            return new SigningKey(null, rsa, JsonWebKey.FromRsa(rsa, algorithm));
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw new FormatException(e.Message, e);
        }
    }
}
