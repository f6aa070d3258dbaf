using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FederatedAgents.Certificates.Pem;
using FederatedAgents.Certificates.Trust;
using FederatedAgents.Tokens.Jose;

namespace FederatedAgents.Authority.Configuration;

/// <summary>
/// Files named in the configuration: paths relative to the configuration's folder, and the loaders of
/// certificates, CAs and public keys, each recording what is wrong against the key that named the file.
/// </summary>
internal sealed class ConfigurationFiles
{
    private readonly string _baseDirectory;
    private readonly ConfigurationProblems _problems;
    private readonly TimeProvider _time;

    public ConfigurationFiles(string baseDirectory, ConfigurationProblems problems, TimeProvider time)
    {
        _baseDirectory = baseDirectory;
        _problems = problems;
        _time = time;
    }

    public string Resolve(string path) => Path.GetFullPath(path, _baseDirectory);

    /// <summary>The full path of an existing file, or null after recording why not.</summary>
    public string? RequireFile(string key, string? path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            _problems.Add(key, $"is missing; set it to the {what}.");
            return null;
        }

        var full = Resolve(path);
        if (!File.Exists(full))
        {
            _problems.Add(key, $"names {full}, which does not exist; point it at the {what} (relative paths start at {_baseDirectory}).");
            return null;
        }

        return full;
    }

    public X509Certificate2? LoadCertificateWithKey(string certificateKey, string? certificatePath, string keyKey, string? keyPath)
    {
        var certificate = RequireFile(certificateKey, certificatePath, "PEM certificate file");
        var key = RequireFile(keyKey, keyPath, "PEM private key file of that certificate");
        return certificate is null || key is null ? null : _problems.Catch(certificateKey, () => CertificateFiles.LoadWithKey(certificate, key));
    }

    public CertificateTrust? LoadAuthority(string key, string? path)
    {
        var file = RequireFile(key, path, "PEM CA certificate file");
        return file is null ? null : _problems.Catch(key, () => CertificateTrust.FromFile(file, _time));
    }

    public JsonWebKeySet? LoadJwksFile(string key, string? path)
    {
        var file = RequireFile(key, path, "JWK Set file");
        return file is null ? null : ParseJwks(key, () => File.ReadAllText(file));
    }

    public JsonWebKeySet? ParseInlineJwks(string key, JwksOptions jwks) =>
        ParseJwks(key, () => JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = jwks.Keys }));

    /// <summary>An EC public key from a PEM <c>PUBLIC KEY</c> or <c>CERTIFICATE</c> block.</summary>
    public JsonWebKeySet? LoadPublicKeyFile(string key, string? path)
    {
        var file = RequireFile(key, path, "PEM public key or certificate file");
        return file is null ? null : _problems.Catch(key, () => new JsonWebKeySet([ReadPublicKey(File.ReadAllText(file))]));
    }

    private JsonWebKeySet? ParseJwks(string key, Func<string> read)
    {
        var set = _problems.Catch(key, () => JsonWebKeySet.Parse(read()));
        foreach (var ignored in set?.Ignored ?? [])
        {
            _problems.Add(key, $"has a key this authority cannot use ({ignored}); remove it or fix it.");
        }

        if (set is { Keys.Count: 0, Ignored.Count: 0 })
        {
            _problems.Add(key, "holds no keys; add the client's public signing key (EC P-256 for ES256).");
        }

        return set;
    }

    private static JsonWebKey ReadPublicKey(string pem)
    {
        var label = PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;
        using var ecdsa = label switch
        {
            "CERTIFICATE" => X509Certificate2.CreateFromPem(pem).GetECDsaPublicKey(),
            "PUBLIC KEY" => ImportPublicKey(pem),
            _ => throw new FormatException($"expected a PEM 'PUBLIC KEY' or 'CERTIFICATE', found {(label is null ? "no PEM block" : $"'{label}'")}."),
        };
        return ecdsa is null
            ? throw new FormatException("the certificate's key is not an EC key; register RSA keys as a JWK Set with their 'alg'.")
            : JsonWebKey.FromECDsa(ecdsa);
    }

    private static ECDsa ImportPublicKey(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new FormatException($"not an EC public key ({e.Message}); register RSA keys as a JWK Set with their 'alg'.", e);
        }
    }
}
